"""A published voter register in every village of the standard tree, for the API's role matrix
and schemathesis run: each with a villager away, an open objection, its cards, a previous list
(for the 四增四减) and a double registration with another village of the tree."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.audit.models import AuditEntry
from huanjie.registration.models import (
    AwayWish,
    Conflict,
    Objection,
    ObjectionKind,
    ResidentApplication,
    Voter,
    VoterCard,
    VoterRegister,
)
from huanjie.registration.services import (
    cards_issue,
    objection_file,
    previous_list_record,
    register_build,
    register_publish,
)
from huanjie.registration.tests.world import build_world, person

# Each village's double registration: its register claims the head another village lists.
HOLDERS = {"a1": "a2", "a2": "b1", "b1": "c1", "c1": "a1"}


def voter_world(tree: RegionTree) -> dict[str, dict[str, Any]]:
    today = timezone.localdate()
    world = build_world(tree, day=today + timedelta(days=40))
    found: dict[str, dict[str, Any]] = {}
    registers: dict[str, VoterRegister] = {}
    for serial, key in enumerate(("a1", "a2", "b1", "c1")):
        away = person(
            tree.households[key],
            80 + serial,
            f"{tree.villages[key].name}外出务工",
            resides_in_village=False,
        )
        register = register_build(election=world.elections[key], acting_user=None, today=today)
        register = register_publish(
            register=register, published_on=today, acting_user=None, today=today
        )
        previous_list_record(
            register=register,
            id_numbers=[tree.heads[key].id_number],
            election_day=today - timedelta(days=5 * 365),
            source_name="上届.xlsx",
            acting_user=None,
        )
        objection = objection_file(
            register=register,
            received_on=today,
            filed_by="村民王某",
            kind=ObjectionKind.REMOVE,
            person=tree.spouses[key],
            claim="常年在外",
            acting_user=None,
            today=today,
        )
        cards = cards_issue(register=register, acting_user=None)
        registers[key] = register
        found[key] = {
            "register": register.pk,
            "objection": objection.pk,
            "card": cards[0].pk,
            "away": away.id_number,
        }
    for key, holder in HOLDERS.items():
        conflict = Conflict.objects.create(
            person=tree.heads[holder],
            term_year=registers[key].term_year,
            claimant=registers[key],
            holder=registers[holder],
        )
        found[key].update(conflict=conflict.pk, holder=tree.villages[holder].pk)
    return found


def voter_state() -> tuple[Any, ...]:
    """Everything a write of the register could change."""
    return (
        list(VoterRegister.objects.order_by("pk").values_list("pk", "status", "built_at")),
        list(Voter.objects.order_by("pk").values_list("pk", "name", "removed_at")),
        AwayWish.objects.count(),
        ResidentApplication.objects.count(),
        list(Objection.objects.order_by("pk").values_list("pk", "status", "notice")),
        list(VoterCard.objects.order_by("pk").values_list("pk", "voided_at")),
        list(Conflict.objects.order_by("pk").values_list("pk", "resolved_at")),
        AuditEntry.objects.count(),
    )
