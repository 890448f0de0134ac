"""The party organization's 招贤榜 and candidate list through the same services and page as the
villagers' committee's: its posts (书记, 副书记, 委员), applicants who are full members, the
round's lawful dates, and PB-DIFF-1 refusing a list short of the margin (5 seats → at least 6
candidates, rules.md B.5) with nothing changed."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.audit.models import AuditEntry
from huanjie.elections.tests.party_world import PartyWorld, build_party_world, member, villager
from huanjie.nominations.models import Application, Recruitment, Status
from huanjie.nominations.services import (
    application_accept,
    application_file,
    candidates_publish,
    recruitment_publish,
)
from huanjie.nominations.tests.world import REQUIREMENTS, nomination_world
from huanjie.people.models import MembershipStatus
from huanjie.vetting.tests.world import vet_everyone

pytestmark = pytest.mark.django_db

NOTICE_DAY = date(2026, 3, 20)
FILED = date(2026, 3, 25)
LIST_DAY = date(2026, 4, 13)  # ZJ_2025: the list by the 5th day before the 04-18 vote
PARTY = "party_organization"


def _notice(world: PartyWorld, post: str) -> Recruitment:
    return recruitment_publish(
        village=world.village,
        post=post,
        requirements=REQUIREMENTS,
        on=NOTICE_DAY,
        acting_user=None,
        body=PARTY,
    )


def _candidate(world: PartyWorld, recruitment: Recruitment, name: str) -> Application:
    application = application_file(
        recruitment=recruitment,
        person=world[name],
        kind="organization",
        nominated_by="村党支部委员会",
        filed_on=FILED,
        acting_user=None,
    )
    return application_accept(application=application, on=date(2026, 3, 28), acting_user=None)


@pytest.fixture
def party(tree: RegionTree) -> tuple[PartyWorld, Recruitment]:
    """The branch's election (书记 1, 副书记 1, 委员 3: five seats) with the 委员's 招贤榜 and
    five full members accepted as its candidates, every one cleared by the joint review."""
    world = build_party_world(tree)
    for name in ("钱一", "孙二", "周三", "吴四", "郑五", "冯六"):
        member(world, name)
    members = _notice(world, "member")
    for name in ("钱一", "孙二", "周三", "吴四", "郑五"):
        _candidate(world, members, name)
    vet_everyone(members)
    return world, members


def _state(recruitment: Recruitment) -> tuple[object, ...]:
    recruitment.refresh_from_db()
    return (
        recruitment.list_published_on,
        AuditEntry.objects.count(),
        Application.objects.filter(status=Status.ACCEPTED).count(),
    )


def test_PB_DIFF_1_party_list_short_of_the_margin_is_refused_by_the_service(
    party: tuple[PartyWorld, Recruitment],
) -> None:
    world, members = party
    before = _state(members)
    with pytest.raises(ValidationError) as refused:
        candidates_publish(recruitment=members, on=LIST_DAY, acting_user=None)
    said = " ".join(refused.value.messages)
    assert "候选人至少6名，现有5名" in said and said.endswith("（PB-DIFF-1）")
    assert _state(members) == before
    assert not AuditEntry.objects.filter(action="nomination.publish").exists()
    # The sixth candidate makes the margin: 6 candidates for 5 seats, and the list is published.
    _candidate(world, members, "冯六")
    vet_everyone(members)
    candidates_publish(recruitment=members, on=LIST_DAY, acting_user=None)
    members.refresh_from_db()
    assert members.list_published_on == LIST_DAY
    assert AuditEntry.objects.filter(action="nomination.publish").count() == 1


def test_PB_DIFF_1_party_list_keeps_the_round_s_lawful_date(
    party: tuple[PartyWorld, Recruitment],
) -> None:
    world, members = party
    _candidate(world, members, "冯六")
    vet_everyone(members)
    before = _state(members)
    with pytest.raises(ValidationError) as refused:
        candidates_publish(recruitment=members, on=date(2026, 4, 14), acting_user=None)
    assert "最晚2026-04-13" in " ".join(refused.value.messages)
    assert _state(members) == before


def test_party_posts_and_applicants_are_the_party_s(
    party: tuple[PartyWorld, Recruitment],
) -> None:
    world, members = party
    secretary = _notice(world, "secretary")
    assert secretary.election.body == PARTY and secretary.get_post_display() == "书记"
    with pytest.raises(ValidationError) as no_post:
        _notice(world, "chair")
    assert "没有设“主任”职位" in " ".join(no_post.value.messages)
    member(world, "预备甲", MembershipStatus.PROBATIONARY)
    member(world, "暂停乙", suspended=True)
    villager(world, "群众丙")
    before = (Application.objects.count(), AuditEntry.objects.count())
    for name, why in (("预备甲", "预备党员"), ("暂停乙", "权利暂停"), ("群众丙", "不是党员")):
        with pytest.raises(ValidationError) as refused:
            application_file(
                recruitment=members,
                person=world[name],
                kind="self",
                filed_on=FILED,
                acting_user=None,
            )
        said = " ".join(refused.value.messages)
        assert f"{name}不是本村党组织的正式党员（{why}）" in said
    assert (Application.objects.count(), AuditEntry.objects.count()) == before


def test_party_notice_without_a_party_election_says_so(tree: RegionTree) -> None:
    world, _ = nomination_world(tree)
    with pytest.raises(ValidationError) as refused:
        recruitment_publish(
            village=world.village,
            post="member",
            requirements=REQUIREMENTS,
            on=NOTICE_DAY,
            acting_user=None,
            body=PARTY,
        )
    assert "还没有建立本届村党组织选举" in " ".join(refused.value.messages)


def _client(world: PartyWorld) -> Client:
    c = Client()
    c.force_login(make_user(world.tree, Role.TOWNSHIP_OFFICER))
    return c


def test_PB_DIFF_1_party_list_short_of_the_margin_is_refused_on_the_page(
    party: tuple[PartyWorld, Recruitment],
) -> None:
    world, members = party
    c = _client(world)
    url = f"/nominations/villages/{world.village.pk}/"
    page = c.get(url + "?body=party_organization").content.decode()
    assert "本届村党组织选举" in page and "候选人至少6名，现有5名" in page
    notice = c.post(
        url + "notice/",
        {"body": PARTY, "post": "secretary", "on": "2026-03-20", "requirements": REQUIREMENTS},
    )
    assert notice.status_code == 302 and notice["Location"].endswith("?body=party_organization")
    assert Recruitment.objects.filter(election=world.election, post="secretary").exists()
    before = _state(members)
    short = c.post(url + f"posts/{members.pk}/publish/", {"on": "2026-04-13"})
    text = short.content.decode()
    assert short.status_code == 400 and "PB-DIFF-1" in text and "候选人至少6名" in text
    assert "本届村党组织选举" in text  # the refusal comes back on the party's page
    assert _state(members) == before
    applied = c.post(
        url + "apply/",
        {"body": PARTY, "post": "member", "person": "冯六", "kind": "self", "on": "2026-03-25"},
    )
    assert applied.status_code == 302
    sixth = Application.objects.get(person=world["冯六"])
    c.post(url + f"applications/{sixth.pk}/accept/", {"on": "2026-03-28"})
    vet_everyone(members)
    published = c.post(url + f"posts/{members.pk}/publish/", {"on": "2026-04-13"})
    assert published.status_code == 302
    members.refresh_from_db()
    assert members.list_published_on == LIST_DAY


def test_PB_DIFF_1_published_party_list_prints_as_the_party_s_notice(
    party: tuple[PartyWorld, Recruitment],
) -> None:
    from django.contrib.auth.models import AnonymousUser

    from huanjie.documents.candidate_notice import party_candidate_list_document
    from huanjie.documents.tests.pdf import assert_printed_well, read_pdf

    world, members = party
    _candidate(world, members, "冯六")
    vet_everyone(members)
    candidates_publish(recruitment=members, on=LIST_DAY, acting_user=None)
    look = read_pdf(party_candidate_list_document(world.village, viewer=AnonymousUser()).pdf())
    assert_printed_well(look)
    text = look.flat
    assert "关于村党组织委员会委员候选人名单的公告" in text
    if os.environ.get("HJ_SHOTS"):
        look.save(Path(os.environ["HJ_SHOTS"]), "party-list")
    assert "中国共产党基层组织选举工作条例" in text and "委员（应选3名）" in text
    assert "冯六" in text and "村民选举委员会" not in text
