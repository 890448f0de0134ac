"""A merged village's (合并村) balance of posts across its former villages (SEED-STRUCT, seed 001:
规模较大的、合并村较多的村 — the team is chosen so that every former village has its people in
it). A warning, never a block: the voters decide who sits."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from huanjie.rules.bodies.composition import Member
from huanjie.rules.checks import Finding, warn


@dataclass(frozen=True, slots=True)
class FormerVillages:
    """The former villages of a merged village and which one each person comes from."""

    names: tuple[str, ...]
    of_person: Mapping[str, str]  # member key → former village name (unknown ones left out)


def former_village_counts(people: Sequence[Member], former: FormerVillages) -> dict[str, int]:
    """How many of these people (each counted once) come from each former village."""
    seen = {m.key for m in people}
    counts = Counter(former.of_person[k] for k in seen if k in former.of_person)
    return {name: counts[name] for name in former.names}


def check_former_village_balance(people: Sequence[Member], former: FormerVillages) -> list[Finding]:
    """SEED-STRUCT: in a village merged from two or more villages, every former village has at
    least one of the slate's (or team's) people; one warning naming those without."""
    if len(former.names) < 2 or not people:
        return []
    counts = former_village_counts(people, former)
    missing = [name for name, n in counts.items() if n == 0]
    if not missing:
        return []
    shares = "，".join(f"{name}{n}人" for name, n in counts.items())
    return [
        warn(
            "SEED-STRUCT",
            f"合并村的人选中没有原{'、原'.join(missing)}的村民（{shares}）；"
            "请兼顾各原村，在报名和推荐中注意从这些原村物色人选。",
        )
    ]
