"""The demo county: a fictional but realistic county generated from a seed, then written
through the services (`huanjie demo_seed`).

`generate.build_county` is pure and deterministic (`random.Random` seeded from the seed and each
region's code); `seeding.seed_county` writes the plan through the audited services only.
"""
