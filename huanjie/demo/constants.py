"""Fixed facts of the demo: the real regions it sits under, and the dates of its calendar.

The dates are constants, never today's date, so a seed always gives the same database.
"""

from __future__ import annotations

from datetime import date

# Real statistical codes and names above the fictional townships (seed 001's county).
PROVINCE = ("330000000000", "浙江省")
CITY = ("331100000000", "丽水市")
COUNTY = ("331127000000", "景宁畲族自治县")
COUNTY_PREFIX = COUNTY[0][:6]

# Ages are counted on this day; the youngest generated villager is one year old on it.
REGISTER_DAY = date(2026, 1, 1)

# The outgoing term: party organizations elected in December 2020, the other bodies in
# January 2021 (Zhejiang's 2020–2021 campaign); five-year terms (PB-TERM-1).
PARTY_TERM_START = (date(2020, 12, 5), date(2020, 12, 28))
VILLAGE_TERM_START = (date(2021, 1, 5), date(2021, 1, 30))
TERM_YEARS = 5

# The campaign: 景宁畲族自治县2026年村级组织换届, rules ZJ_2025 and PB_2020.
TERM_START_YEAR = 2026
CAMPAIGN_WINDOW = (date(2026, 1, 5), date(2026, 4, 30))
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
