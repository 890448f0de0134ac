"""Fixed facts of the demo: the real regions it sits under, its sizes and its register day.

The round's dates are computed from the seeding day (huanjie.demo.schedule), never read from
the clock inside the generator, so a seed and a day always give the same database.
"""

from __future__ import annotations

from datetime import date

# Real statistical codes and names above the fictional townships (seed 001's county).
PROVINCE = ("330000000000", "浙江省")
CITY = ("331100000000", "丽水市")
COUNTY = ("331127000000", "景宁畲族自治县")
COUNTY_PREFIX = COUNTY[0][:6]

# Ages are counted on this day; the youngest generated villager is one year old on it. The
# villagers are the seed's, whatever the seeding day: only the round's calendar follows the day.
REGISTER_DAY = date(2026, 1, 1)
EARLIEST_SEEDING_DAY = date(2026, 1, 2)

# The round follows the day the demo is seeded (`demo_seed --today`): the county's campaign
# started a few weeks before it, the outgoing committees were elected five years before their
# successors (PB-TERM-1), rules ZJ_2025 and PB_2020.
TERM_YEARS = 5
CAMPAIGN_STARTED_DAYS_BEFORE = 21
VC_PROFILE = "ZJ_2025"
PARTY_PROFILE = "PB_2020"

# Limits of the command's options: 3 code digits per township and per village (statistical
# village codes 201–399 are 村委会).
MAX_TOWNSHIPS = 99
MAX_VILLAGES_PER_TOWNSHIP = 199
TOWNSHIP_CODE_BASE = 101
VILLAGE_CODE_BASE = 201

# Residents per village (the spec: 300–3,000); households never exceed MAX_HOUSEHOLD_SIZE, so
# a village that stops growing below RESIDENTS_MAX - MAX_HOUSEHOLD_SIZE stays under 3,000.
RESIDENTS_MIN = 300
RESIDENTS_MAX = 3000
MAX_HOUSEHOLD_SIZE = 12
# Party members as a share of residents, per village (the county's average is ≈ 6%).
PARTY_SHARE = (0.05, 0.07)
