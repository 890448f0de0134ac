"""Which pairs of people may not sit together, and under which rule (tally-io.md rule 4).

The relation set is the body's: the VC profile's `kin.vc_internal_set` (villagers' and
supervision committees), widened to `kin.yjt_set` for a pair that includes the party secretary
(KIN-6); near relatives for cooperatives (KIN-5); `pb.kin_set` for party bodies. Relations are
taken as given: nothing is inferred from other links.
"""

from __future__ import annotations

from collections import defaultdict

from huanjie.rules.kinship.relations import RelationKind
from huanjie.rules.tally.contest import ElectionContest
from huanjie.rules.tally.model import Body

_KIN_RULE: dict[Body, str] = {
    Body.VILLAGERS_COMMITTEE: "VC-TALLY-9",
    Body.SUPERVISION_COMMITTEE: "VC-TALLY-9",
    Body.COOPERATIVE_BOARD: "KIN-5",
    Body.COOPERATIVE_SUPERVISORS: "KIN-5",
    Body.PARTY_ORGANIZATION: "SEED-KIN-X",
}


def barred_rule(body: Body) -> str:
    """SUP-1 for a supervision committee, CEO-5 for a cooperative (tally-io.md "Orders")."""
    return "SUP-1" if body is Body.SUPERVISION_COMMITTEE else "CEO-5"


class Avoidance:
    def __init__(self, contest: ElectionContest) -> None:
        self.rule = _KIN_RULE[contest.body]
        self._base = contest.rules.kin_set
        self._widened = contest.rules.yjt_set
        self._secretary = contest.party_secretary
        self._kinds: defaultdict[frozenset[str], set[RelationKind]] = defaultdict(set)
        for relation in contest.relations:
            self._kinds[frozenset((relation.a, relation.b))].add(relation.kind)

    def conflict(self, a: str, b: str) -> str | None:
        """The rule that keeps `a` and `b` apart, or None when they may sit together."""
        kinds = self._kinds.get(frozenset((a, b)), set())
        if any(self._base.covers(kind) for kind in kinds):
            return self.rule
        if self._secretary in (a, b) and any(self._widened.covers(kind) for kind in kinds):
            return "KIN-6"
        return None
