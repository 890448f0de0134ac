"""The round's voters: its register, how many are on it, and the names on it that are one voter.
The checks of a count and the pages read them; they stand below both (`checks`, `selectors`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count

from huanjie.elections.models import Election
from huanjie.registration.selectors import active_voters, current_election, register_of

if TYPE_CHECKING:
    from huanjie.registration.models import VoterRegister


def register_for(election: Election) -> VoterRegister | None:
    """The register of the round: the village's current villagers' committee register."""
    return register_of(current_election(election.plan.village))


def registered_voters(election: Election) -> int | None:
    register = register_for(election)
    return None if register is None else active_voters(register).count()


def name_facts(election: Election, names: set[str]) -> dict[str, dict[str, str]]:
    """The sex of each name that is exactly one voter on the round's register (a write-in is
    matched to a registered voter by name when unambiguous)."""
    register = register_for(election)
    if register is None or not names:
        return {}
    rows = (
        active_voters(register)
        .filter(name__in=names)
        .order_by()
        .values("name")
        .annotate(n=Count("id"))
    )
    single = {row["name"] for row in rows if row["n"] == 1}
    sexes = active_voters(register).filter(name__in=single).values_list("name", "sex")
    return {name: {"sex": sex} for name, sex in sexes if sex in ("F", "M")}


def name_matches(election: Election, names: set[str]) -> dict[str, int]:
    """How many voters on the round's register bear each name (0: not on it; 2+: ambiguous)."""
    register = register_for(election)
    if register is None:
        return {}
    rows = active_voters(register).filter(name__in=names).order_by().values("name")
    counts = dict(rows.annotate(n=Count("id")).values_list("name", "n"))
    return {name: counts.get(name, 0) for name in names}
