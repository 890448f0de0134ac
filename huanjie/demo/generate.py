"""`build_county(seed, …)`: the whole demo county as data, the same for the same seed.

Each village draws from its own `random.Random` seeded with the seed and its code (string
seeds hash with SHA-512, independent of PYTHONHASHSEED); ID numbers are kept unique across the
county by one `IdNumbers`.
"""

from __future__ import annotations

import random
from datetime import date

from huanjie.campaigns.models import RiskLevel
from huanjie.demo import names
from huanjie.demo.constants import (
    COUNTY_PREFIX,
    EARLIEST_SEEDING_DAY,
    MAX_TOWNSHIPS,
    MAX_VILLAGES_PER_TOWNSHIP,
    TOWNSHIP_CODE_BASE,
    VILLAGE_CODE_BASE,
)
from huanjie.demo.ids import IdNumbers
from huanjie.demo.plan import DemoCounty, DemoTownship, DemoVillage, Stage
from huanjie.demo.schedule import Scheduler
from huanjie.demo.village import build_village
from huanjie.rules.timeline.calendar import TableCalendar

DEFAULT_TOWNSHIPS = 3
DEFAULT_VILLAGES_PER_TOWNSHIP = 10
DEFAULT_SEED = 1
# 景宁's 畲族 live mostly in a fifth of its villages (少数民族村): a quota, not a draw per village,
# so every seed gives the county its share.
MINORITY_VILLAGE_SHARE = 0.2
# Villages whose election days are not yet fixed, among those neither ahead nor postponed.
PREPARING_SHARE = 0.2
# Of the villages with their days fixed (neither ahead nor red), those that already voted in
# the campaign's first weeks (先行村), so the dashboards have new committees to count. Drawn
# from a random stream of their own: the rest of the county is the same as without them.
ELECTED_SHARE = 0.35

# 逐村研判选情: about one village in ten red, a quarter orange; each with the reason noted.
RISK_SHARES = {RiskLevel.RED: 0.1, RiskLevel.ORANGE: 0.25}
RISK_NOTES = {
    RiskLevel.RED: (
        "两大姓竞争激烈，已发现拉票苗头，需县乡联动重点防范。",
        "村集体资产处置争议未解决，群众信访较多，需先化解矛盾再启动选举。",
        "上届班子成员涉嫌违纪正在调查，需待调查结论明确后研究人选。",
    ),
    RiskLevel.ORANGE: (
        "村主任人选尚未确定，后备力量不足，需加强人选培养。",
        "外出党员较多，党员大会到会人数有风险，需提前联系流动党员。",
        "部分村民对征地补偿有意见，需提前做好解释工作。",
    ),
    RiskLevel.GREEN: ("班子团结，群众基础好，选情平稳。",),
}


def _risks(rng: random.Random, count: int, first: set[int]) -> list[tuple[str, str]]:
    """A rating per village; the first village of a township (ahead of the others) is never
    red, when there are others to be."""
    levels = [RiskLevel.GREEN] * count
    others = [i for i in range(count) if i not in first]
    if count >= 3 and others:
        quota = {level: max(1, round(count * share)) for level, share in RISK_SHARES.items()}
        red = rng.sample(others, min(quota[RiskLevel.RED], len(others)))
        rest = [i for i in range(count) if i not in red]
        orange = rng.sample(rest, min(quota[RiskLevel.ORANGE], len(rest)))
        for i in red:
            levels[i] = RiskLevel.RED
        for i in orange:
            levels[i] = RiskLevel.ORANGE
    return [(str(level), rng.choice(RISK_NOTES[level])) for level in levels]


def _stages(rng: random.Random, risks: list[tuple[str, str]], first: set[int]) -> list[str]:
    """Ahead: each township's first village; postponed: the red-rated; of the others about one
    in five has not yet fixed its election days."""
    stages = [
        Stage.AHEAD
        if i in first
        else Stage.POSTPONED
        if level == RiskLevel.RED
        else Stage.SCHEDULED
        for i, (level, _) in enumerate(risks)
    ]
    scheduled = [i for i, stage in enumerate(stages) if stage == Stage.SCHEDULED]
    for i in rng.sample(scheduled, round(len(scheduled) * PREPARING_SHARE)):
        stages[i] = Stage.PREPARING
    return [str(stage) for stage in stages]


def _elected(seed: int, stages: list[str]) -> list[str]:
    """Some scheduled villages made elected (at least one when any is scheduled)."""
    scheduled = [i for i, stage in enumerate(stages) if stage == Stage.SCHEDULED]
    if not scheduled:
        return stages
    rng = random.Random(f"huanjie-demo:{seed}:elected")
    chosen = rng.sample(scheduled, max(1, round(len(scheduled) * ELECTED_SHARE)))
    return [str(Stage.ELECTED) if i in chosen else stage for i, stage in enumerate(stages)]


def build_county(
    seed: int = DEFAULT_SEED,
    townships: int = DEFAULT_TOWNSHIPS,
    villages_per_township: int = DEFAULT_VILLAGES_PER_TOWNSHIP,
    *,
    today: date,
    calendar: TableCalendar,
) -> DemoCounty:
    """The county seeded on `today`, its election days counted with `calendar` (the holiday
    table's): the same seed, day and table give the same county."""
    if not 1 <= townships <= MAX_TOWNSHIPS:
        raise ValueError(f"townships must be between 1 and {MAX_TOWNSHIPS}")
    if not 1 <= villages_per_township <= MAX_VILLAGES_PER_TOWNSHIP:
        raise ValueError(f"villages per township must be between 1 and {MAX_VILLAGES_PER_TOWNSHIP}")
    if today < EARLIEST_SEEDING_DAY:
        raise ValueError(f"the demo is seeded on {EARLIEST_SEEDING_DAY} or later")
    rng = random.Random(f"huanjie-demo:{seed}")
    taken: set[str] = set()
    township_names = names.place_names(rng, townships, ["镇", "乡", "乡"], taken)
    count = townships * villages_per_township
    first = set(range(0, count, villages_per_township))
    risks = _risks(rng, count, first)
    stages = iter(_elected(seed, _stages(rng, risks, first)))
    risk_of = iter(risks)
    minority = set(rng.sample(range(count), round(count * MINORITY_VILLAGE_SHARE)))
    ids = IdNumbers()
    scheduler = Scheduler(today, calendar)
    result: list[DemoTownship] = []
    for t, township_name in enumerate(township_names):
        township_code = f"{COUNTY_PREFIX}{TOWNSHIP_CODE_BASE + t:03d}"
        village_names = names.place_names(rng, villages_per_township, ["村"], taken)
        villages: list[DemoVillage] = []
        for v, village_name in enumerate(village_names):
            code = f"{township_code}{VILLAGE_CODE_BASE + v:03d}"
            village_rng = random.Random(f"huanjie-demo:{seed}:{code}")
            villages.append(
                build_village(
                    village_rng,
                    ids,
                    code=code,
                    name=village_name,
                    first_village=t == 0 and v == 0,
                    minority=t * villages_per_township + v in minority,
                    risk=next(risk_of),
                    stage=next(stages),
                    township=t,
                    scheduler=scheduler,
                )
            )
        result.append(DemoTownship(f"{township_code}000", township_name, tuple(villages)))
    return DemoCounty(seed=seed, round=scheduler.round(), townships=tuple(result))
