"""The region tree of accounts' tests, plus what the village pages show: relations, phones,
a campaign with elections, office holders and an audit entry with an ID number in it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from django.db import transaction

from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.audit.snapshots import snapshot
from huanjie.campaigns.models import Campaign, VillagePlan
from huanjie.elections.models import Body, Election, ElectionSeat, Method, OfficeHolder, Post
from huanjie.people.models import CloseRelative, Person, PersonTag, PersonTagKind, RelationSource
from huanjie.rules.kinship.relations import RelationKind

TEST_ACTION = AuditAction("test.person_register", "登记人员")
PHONE_ACTION = AuditAction("test.person_phone", "修改联系电话")


@dataclass
class World:
    tree: RegionTree
    election: Election
    holder: OfficeHolder
    relation: CloseRelative


@pytest.fixture
def world(tree: RegionTree) -> World:
    for serial, head in enumerate(tree.heads.values(), start=1):
        Person.objects.filter(pk=head.pk).update(phone=f"1380000000{serial}")
    Person.objects.filter(pk=tree.spouses["a1"].pk).update(phone="13912345678")
    head, spouse = tree.heads["a1"], tree.spouses["a1"]
    PersonTag.objects.create(person=head, tag=PersonTagKind.VETERAN)
    relation = CloseRelative.objects.create(
        person_a=head, person_b=spouse, kind=RelationKind.SPOUSE, source=RelationSource.DERIVED
    )
    campaign = Campaign.objects.create(
        name="景宁畲族自治县2026年村级组织换届",
        term_start_year=2026,
        region=tree.county,
        profile_id="ZJ_2025",
        window_start=date(2026, 1, 1),
        window_end=date(2026, 6, 30),
    )
    plan = VillagePlan.objects.create(campaign=campaign, village=tree.a1)
    election = Election.objects.create(
        plan=plan,
        body=Body.VILLAGERS_COMMITTEE,
        method=Method.SELF_NOMINATION,
        election_day=date(2026, 4, 18),
    )
    ElectionSeat.objects.create(election=election, post=Post.CHAIR, seats=1)
    ElectionSeat.objects.create(election=election, post=Post.MEMBER, seats=4)
    holder = OfficeHolder.objects.create(
        village=tree.a1,
        body=Body.VILLAGERS_COMMITTEE,
        post=Post.CHAIR,
        person=head,
        term_start=date(2021, 4, 1),
        term_end=date(2026, 4, 1),
    )
    with transaction.atomic():
        record_audit(
            actor=None,
            action=TEST_ACTION,
            target=spouse,
            after=snapshot(Person.objects.get(pk=spouse.pk), ["id_number", "phone", "sex"]),
            village=tree.a1,
        )
        record_audit(
            actor=None,
            action=PHONE_ACTION,
            target=spouse,
            before={"phone": "13900000000"},
            after=snapshot(Person.objects.get(pk=spouse.pk), ["phone"]),
            village=tree.a1,
        )
    tree.heads = {k: Person.objects.get(pk=p.pk) for k, p in tree.heads.items()}
    tree.spouses = {k: Person.objects.get(pk=p.pk) for k, p in tree.spouses.items()}
    return World(tree=tree, election=election, holder=holder, relation=relation)
