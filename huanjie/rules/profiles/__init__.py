"""Rule profiles: one body's election law as typed, checked parameters, and the shipped TOML files (profiles.md)."""
