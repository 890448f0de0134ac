"""Supervision committee and cooperative bodies counted from tally sheets, on rules.md's worked
numbers: quorum REP-2 / REP-5 / CEO-2 / CEO-3, the bar (`2v > present`; `3v >= 2·size`), the
barred voided after the count (SUP-1 / KIN-2, CEO-5), shortfalls, the bodies' order (domain.md
§3), holders and certification."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.ballots.assemblies import barred_people, meeting_record
from huanjie.ballots.certification import result_certify
from huanjie.ballots.contest import Numbers
from huanjie.ballots.models import RoundLink, RoundResult
from huanjie.ballots.services import sheet_entry_record
from huanjie.ballots.tests.world import TallyWorld, build
from huanjie.committees.tests.world import family
from huanjie.elections.models import Election, OfficeHolder
from huanjie.elections.services import election_create

pytestmark = pytest.mark.django_db
DAY = date(2026, 5, 20)


@pytest.fixture
def tw(tree: RegionTree) -> TallyWorld:
    return build(tree)


def vc_complete(tw: TallyWorld, *holders: tuple[str, str]) -> None:
    """The plan's villagers' committee counted with nothing left to hold, its winners recorded."""
    vc = tw.world.election
    elected = [{"person": name, "post": post, "votes": 9} for name, post in holders]
    RoundResult.objects.create(
        election=vc,
        contest={},
        outcome={"next": "complete", "elected": elected},
        counted_at=vc.created_at,
    )
    for name, post in holders:
        OfficeHolder.objects.create(
            village=tw.world.village,
            body="villagers_committee",
            post=post,
            person=tw.world.people[name],
            term_start=DAY,
            term_end=date(2031, 5, 20),
            election=vc,
        )


def body_election(tw: TallyWorld, body: str, seats: dict[str, int]) -> Election:
    return election_create(
        plan=tw.world.election.plan,
        body=body,
        method="assembly",
        seats=seats,
        election_day=DAY,
        acting_user=None,
    )


def count(tw: TallyWorld, election: Election, numbers: Numbers) -> RoundResult | None:
    """Both clerks enter the central venue's sheet and the (unused) mobile box's."""
    result = None
    for box, these in ((tw.mobile, Numbers(0, 0, 0, 0)), (tw.central, numbers)):
        for clerk in (tw.first, tw.second):
            done = sheet_entry_record(election=election, box=box, numbers=these, acting_user=clerk)
            result = done.result or result
    return result


def outcome(result: RoundResult | None) -> dict[str, Any]:
    assert result is not None
    out: dict[str, Any] = result.outcome
    return out


def elected(result: RoundResult | None) -> list[tuple[str, str]]:
    return [(e["person"], e["post"]) for e in outcome(result)["elected"]]


def supervision(tw: TallyWorld, assembly: str = "villagers", size: int = 1500) -> Election:
    vc_complete(tw, ("张伟", "chair"), ("李梅", "women_member"))
    election = body_election(tw, "supervision_committee", {"chair": 1, "member": 2})
    meeting_record(election=election, assembly=assembly, assembly_size=size, acting_user=tw.first)
    return election


# --- supervision committee ---------------------------------------------------------------


def test_REP_2_villagers_assembly_quorum_more_than_half_of_1500_adults(tw: TallyWorld) -> None:
    # rules.md: 村民会议 quorum adults > 750 (≥ 751); the bar 2v > present → 751 present: 376.
    election = supervision(tw)
    votes = {"chair": {"王强": 376}, "member": {"赵刚": 500, "刘洋": 375}}
    result = count(tw, election, Numbers(751, 751, 0, 0, votes))
    assert outcome(result)["valid"] is True
    assert outcome(result)["threshold"] == {"chair": 376, "member": 376}
    assert elected(result) == [("王强", "chair"), ("赵刚", "member")]
    assert outcome(result)["next"] == "supplementary_round"  # a first round's open seat


def test_REP_2_750_of_1500_adults_is_no_quorum_and_the_vote_is_held_again(
    tw: TallyWorld,
) -> None:
    election = supervision(tw)
    votes = {"chair": {"王强": 700}, "member": {"赵刚": 700, "刘洋": 700}}
    result = count(tw, election, Numbers(750, 750, 0, 0, votes))
    assert outcome(result)["valid"] is False
    assert outcome(result)["rule"] == "REP-2"
    assert outcome(result)["next"] == "revote"
    link = RoundLink.objects.get(previous=election)
    assert link.kind == "revote"


def test_REP_5_representatives_assembly_of_55_needs_37_present_and_21_of_40(
    tw: TallyWorld,
) -> None:
    # rules.md: 55 representatives, quorum 3p >= 110 → p >= 37; with 40 present a decision
    # needs ≥ 21.
    election = supervision(tw, "representatives", 55)
    votes = {"chair": {"王强": 21}, "member": {"赵刚": 21, "刘洋": 20}}
    result = count(tw, election, Numbers(40, 40, 0, 0, votes))
    assert outcome(result)["threshold"]["chair"] == 21
    assert elected(result) == [("王强", "chair"), ("赵刚", "member")]


def test_REP_5_36_of_55_representatives_is_no_quorum(tw: TallyWorld) -> None:
    election = supervision(tw, "representatives", 55)
    votes = {"chair": {"王强": 36}, "member": {"赵刚": 36, "刘洋": 36}}
    result = count(tw, election, Numbers(36, 36, 0, 0, votes))
    assert (outcome(result)["valid"], outcome(result)["rule"]) == (False, "REP-5")


def test_SUP_1_a_vc_member_and_a_near_relative_elected_are_voided_after_the_count(
    tw: TallyWorld,
) -> None:
    # 张伟 chairs the new VC; 吴磊 is his son: neither may sit (SUP-1, KIN-2).
    family(tw.world.people["张伟"], tw.world.people["吴磊"], "parent_child")
    election = supervision(tw, "representatives", 55)
    barred = {b.name: b for b in barred_people(election)}
    assert set(barred) == {"张伟", "李梅", "吴磊"}
    assert barred["吴磊"].rule == "KIN-2" and "张伟的近亲属" in barred["吴磊"].reason
    votes = {"chair": {"王强": 30}, "member": {"吴磊": 25, "张伟": 22, "赵刚": 21, "刘洋": 12}}
    result = count(tw, election, Numbers(40, 40, 0, 0, votes))
    out = outcome(result)
    assert result is not None and result.contest["barred"] == ["吴磊", "张伟"]
    assert {(v["person"], v["rule"]) for v in out["voided"]} == {
        ("张伟", "SUP-1"),
        ("吴磊", "SUP-1"),
    }
    # Refilled from the ranking with the bar 2v > 40 (21): 赵刚 21; 刘洋's 12 fall short.
    assert elected(result) == [("王强", "chair"), ("赵刚", "member")]
    assert out["unfilled"] == {"member": 1}


def test_SUP_1_supervision_sheets_wait_for_the_villagers_committee(tw: TallyWorld) -> None:
    election = body_election(tw, "supervision_committee", {"chair": 1, "member": 2})
    meeting_record(election=election, assembly="villagers", assembly_size=10, acting_user=tw.first)
    with pytest.raises(ValidationError) as refused:
        count(tw, election, Numbers(6, 6, 0, 0, {"chair": {"王强": 6}}))
    assert "须先完成村民委员会的选举" in refused.value.messages[0]
    assert not RoundResult.objects.filter(election=election).exists()


def test_SUP_1_sheets_need_the_meeting_recorded(tw: TallyWorld) -> None:
    vc_complete(tw, ("张伟", "chair"))
    election = body_election(tw, "supervision_committee", {"chair": 1, "member": 2})
    with pytest.raises(ValidationError, match="请先在本轮页面登记选举会议"):
        count(tw, election, Numbers(6, 6, 0, 0, {"chair": {"王强": 6}}))


def test_SUP_1_a_supplementary_round_short_of_seats_is_complete_with_a_warning(
    tw: TallyWorld,
) -> None:
    election = supervision(tw, "representatives", 55)
    first = count(tw, election, Numbers(40, 40, 0, 0, {"chair": {"王强": 30}, "member": {}}))
    assert outcome(first)["next"] == "supplementary_round"
    link = RoundLink.objects.get(previous=election)
    assert link.engine_round == "supplementary"
    # the 另行选举 is held by the same meeting: its sheets are taken without a new record
    second = count(tw, link.election, Numbers(40, 40, 0, 0, {"member": {"赵刚": 25, "刘洋": 5}}))
    out = outcome(second)
    assert elected(second) == [("赵刚", "member")]
    assert out["next"] == "complete"
    assert out["unfilled"] == {"member": 1}
    assert out["warnings"]


def test_SUP_1_winners_recorded_as_holders_and_the_result_certified(
    tw: TallyWorld, tree: RegionTree
) -> None:
    from huanjie.accounts.models import Role
    from huanjie.accounts.tests.factories import user_for

    election = supervision(tw, "representatives", 55)
    votes = {"chair": {"王强": 30}, "member": {"赵刚": 30, "刘洋": 28}}
    count(tw, election, Numbers(40, 40, 0, 0, votes))
    holders = OfficeHolder.objects.filter(election=election)
    assert {(h.person.name, h.body, h.post) for h in holders} == {
        ("王强", "supervision_committee", "chair"),
        ("赵刚", "supervision_committee", "member"),
        ("刘洋", "supervision_committee", "member"),
    }
    officer = user_for(Role.TOWNSHIP_OFFICER, tree.township_a, username="officer")
    result_certify(election=election, acting_user=officer)
    with pytest.raises(ValidationError):
        meeting_record(
            election=election, assembly="villagers", assembly_size=9, acting_user=tw.first
        )


def test_SUP_1_only_its_assemblies_elect_it(tw: TallyWorld) -> None:
    election = body_election(tw, "supervision_committee", {"chair": 1, "member": 2})
    with pytest.raises(ValidationError, match="只能由村民会议或村民代表会议选举"):
        meeting_record(election=election, assembly="members", assembly_size=9, acting_user=tw.first)


# --- cooperative board and supervisors ------------------------------------------------------


def board(tw: TallyWorld, assembly: str = "members", size: int = 300) -> Election:
    vc_complete(tw, ("张伟", "chair"))
    election = body_election(tw, "cooperative_board", {"chair": 1, "member": 2})
    meeting_record(election=election, assembly=assembly, assembly_size=size, acting_user=tw.first)
    return election


def test_CEO_2_300_members_quorum_200_and_190_of_240_fails(tw: TallyWorld) -> None:
    # rules.md H-12: quorum 3a >= 600 → a ≥ 200; a decision needs ≥ 200 of all 300: with 240
    # present, 190 votes fail although 79% of those present agreed.
    election = board(tw)
    votes = {"chair": {"王强": 200}, "member": {"赵刚": 190, "刘洋": 230}}
    result = count(tw, election, Numbers(240, 240, 0, 0, votes))
    out = outcome(result)
    assert out["threshold"] == {"chair": 200, "member": 200}
    assert elected(result) == [("王强", "chair"), ("刘洋", "member")]
    assert out["unfilled"] == {"member": 1}


def test_CEO_2_199_of_300_members_is_no_quorum(tw: TallyWorld) -> None:
    election = board(tw)
    votes = {"chair": {"王强": 199}, "member": {"赵刚": 199, "刘洋": 199}}
    result = count(tw, election, Numbers(199, 199, 0, 0, votes))
    out = outcome(result)
    assert (out["valid"], out["rule"], out["next"]) == (False, "CEO-2", "revote")


def test_CEO_3_30_representatives_decide_with_20(tw: TallyWorld) -> None:
    # rules.md H-12: with 30 representatives a decision needs ≥ 20 of all 30.
    election = board(tw, "representatives", 30)
    votes = {"chair": {"王强": 20}, "member": {"赵刚": 19, "刘洋": 25}}
    result = count(tw, election, Numbers(26, 26, 0, 0, votes))
    assert outcome(result)["threshold"]["chair"] == 20
    assert elected(result) == [("王强", "chair"), ("刘洋", "member")]


def test_CEO_5_board_members_and_their_near_relatives_may_not_be_supervisors(
    tw: TallyWorld,
) -> None:
    election = board(tw, "representatives", 30)
    count(tw, election, Numbers(26, 26, 0, 0, {"chair": {"王强": 25}, "member": {"赵刚": 24}}))
    # 王强 chairs the board; 陈静 is his spouse.
    family(tw.world.people["王强"], tw.world.people["陈静"], "spouse")
    # The board's first round left a member seat open: its 另行选举 comes first (§3 order).
    supervisors = body_election(tw, "cooperative_supervisors", {"chair": 1, "member": 2})
    meeting_record(
        election=supervisors, assembly="representatives", assembly_size=30, acting_user=tw.first
    )
    with pytest.raises(ValidationError, match="须先完成集体经济组织理事会"):
        count(tw, supervisors, Numbers(26, 26, 0, 0, {"chair": {"陈静": 26}}))
    link = RoundLink.objects.get(previous=election)
    count(tw, link.election, Numbers(26, 26, 0, 0, {"member": {"刘洋": 22}}))
    barred = {b.name: b.rule for b in barred_people(supervisors)}
    assert barred == {"王强": "CEO-5", "赵刚": "CEO-5", "刘洋": "CEO-5", "陈静": "CEO-5"}
    votes = {"chair": {"周杰": 25}, "member": {"陈静": 22, "赵刚": 21, "吴磊": 15}}
    result = count(tw, supervisors, Numbers(30, 30, 0, 0, votes))
    out = outcome(result)
    assert {(v["person"], v["rule"]) for v in out["voided"]} == {
        ("陈静", "CEO-5"),
        ("赵刚", "CEO-5"),
    }
    # 吴磊's 15 are under the bar 3v >= 2·30: the seats stay open for a 另行选举.
    assert elected(result) == [("周杰", "chair")]
    assert out["unfilled"] == {"member": 2}


# --- pages and documents --------------------------------------------------------------------


def test_SUP_1_round_page_records_the_meeting_and_lists_the_barred(tw: TallyWorld) -> None:
    from django.test import Client
    from django.urls import reverse

    vc_complete(tw, ("张伟", "chair"))
    election = body_election(tw, "supervision_committee", {"chair": 1, "member": 2})
    client = Client()
    client.force_login(tw.first)
    page = client.get(reverse("ballots:round", args=[election.pk])).content.decode()
    assert "尚未登记选举会议和应到人数" in page and "请先在本轮页面登记选举会议" in page
    assert "张伟" in page and "村民委员会主任" in page and "SUP-1" in page
    posted = client.post(
        reverse("ballots:meeting", args=[election.pk]),
        {"assembly": "representatives", "assembly_size": "55"},
    )
    assert posted.status_code == 302
    page = client.get(reverse("ballots:round", args=[election.pk])).content.decode()
    assert "由<strong>村民代表会议</strong>选举，应到 <strong>55</strong> 人" in page
    entry = client.get(reverse("ballots:entry", args=[election.pk, tw.central.pk]))
    assert "应选主任1名、委员2名" in entry.content.decode()


def test_CEO_2_board_documents_name_the_posts_and_the_assembly(tw: TallyWorld) -> None:
    from huanjie.documents.election_results import (
        certificates_document,
        result_notice_document,
        result_report_document,
    )
    from huanjie.documents.tests.pdf import read_pdf

    election = board(tw)
    votes = {"chair": {"王强": 230}, "member": {"赵刚": 210, "刘洋": 205}}
    count(tw, election, Numbers(240, 240, 0, 0, votes))
    notice = read_pdf(result_notice_document(election).pdf()).flat
    assert "关于集体经济组织理事会（社管会）成员选举结果的公告" in notice
    assert "成员大会应到300人，实到240人" in notice
    assert "农村集体经济组织法" in notice
    assert "理事长" in notice and "王强" in notice
    report = read_pdf(result_report_document(election).pdf()).flat
    assert "成员大会应到" in report and "实到" in report
    certificates = read_pdf(certificates_document(election).pdf()).flat
    assert "理事" in certificates and "赵刚" in certificates


def test_CEO_5_voided_supervisor_explained_in_the_announcement(tw: TallyWorld) -> None:
    from huanjie.documents.election_results import result_notice_document
    from huanjie.documents.tests.pdf import read_pdf

    election = board(tw, "representatives", 30)
    count(
        tw,
        election,
        Numbers(30, 30, 0, 0, {"chair": {"王强": 25}, "member": {"赵刚": 24, "刘洋": 22}}),
    )
    supervisors = body_election(tw, "cooperative_supervisors", {"chair": 1})
    meeting_record(
        election=supervisors, assembly="representatives", assembly_size=30, acting_user=tw.first
    )
    count(tw, supervisors, Numbers(30, 30, 0, 0, {"chair": {"赵刚": 25, "周杰": 5}}))
    notice = read_pdf(result_notice_document(supervisors).pdf()).flat
    assert "赵刚（监事长）是理事会成员、财务人员或其近亲属，不得担任监事" in notice
    assert "CEO-5" in notice


def test_CEO_2_board_counted_by_command_with_its_posts_named(tw: TallyWorld) -> None:
    import json
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    vc_complete(tw, ("张伟", "chair"))
    tw.mobile.delete()
    election = body_election(tw, "cooperative_board", {"chair": 1, "member": 2})
    number = str(election.pk)

    def run(command: str, *args: str) -> str:
        out = StringIO()
        call_command(command, number, *args, stdout=out)
        return out.getvalue()

    with pytest.raises(CommandError, match="可选：成员大会、成员代表大会"):
        run("tally_meeting_record", "--assembly", "村民会议", "--size", "300", "--by", "clerk1")
    said = run("tally_meeting_record", "--assembly", "成员大会", "--size", "300", "--by", "clerk1")
    assert "由成员大会选举，应到 300 人" in said
    sheet = ["--issued", "240", "--collected", "240", "--invalid", "0"]
    votes = ["--vote", "理事长:王强:230", "--vote", "理事:赵刚:210", "--vote", "理事:刘洋:190"]
    for clerk in ("clerk1", "clerk2"):
        said = run("tally_sheet_enter", "中心会场", *sheet, *votes, "--by", clerk)
    assert "选举结果已计出" in said
    result = RoundResult.objects.get(election=election)
    assert result.contest["assembly"] == "members" and result.contest["present"] == 240
    # 190 < 200 of all 300 (CEO-2): 刘洋 is not elected
    assert [e["person"] for e in result.outcome["elected"]] == ["王强", "赵刚"]
    exported = StringIO()
    call_command("tally_result_export", number, stdout=exported)
    assert json.loads(exported.getvalue()) == result.contest


def test_SUP_1_meeting_through_the_api(tw: TallyWorld, tree: RegionTree) -> None:
    from rest_framework.test import APIClient

    from huanjie.accounts.models import Role
    from huanjie.accounts.tests.factories import user_for

    vc_complete(tw, ("张伟", "chair"))
    election = body_election(tw, "supervision_committee", {"chair": 1, "member": 2})
    url = f"/api/v1/elections/{election.pk}/meeting/"
    clerk = APIClient()
    clerk.force_authenticate(tw.first)
    state = clerk.get(url).json()
    assert state["assembly"] is None and "请先在本轮页面登记选举会议" in state["blocked"]
    assert state["barred"] == [{"name": "张伟", "reason": "村民委员会主任", "rule": "SUP-1"}]
    wrong = clerk.put(url, {"assembly": "members", "assembly_size": 55}, format="json")
    assert wrong.status_code == 400
    done = clerk.put(url, {"assembly": "representatives", "assembly_size": 55}, format="json")
    assert done.status_code == 200
    assert done.json()["assembly_name"] == "村民代表会议" and done.json()["blocked"] == ""
    officer = APIClient()
    officer.force_authenticate(user_for(Role.TOWNSHIP_OFFICER, tree.township_a, username="o"))
    refused = officer.put(url, {"assembly": "villagers", "assembly_size": 9}, format="json")
    assert refused.status_code == 403
    vc_url = f"/api/v1/elections/{tw.world.election.pk}/meeting/"
    assert clerk.get(vc_url).status_code == 404


def test_CEO_2_certified_board_reopened_with_a_reason_and_counted_again(
    tw: TallyWorld, tree: RegionTree
) -> None:
    from huanjie.accounts.models import Role
    from huanjie.accounts.tests.factories import user_for
    from huanjie.ballots.certification import result_reopen
    from huanjie.ballots.models import Reopening, SheetEntry

    election = board(tw)
    votes = {"chair": {"王强": 230}, "member": {"赵刚": 210, "刘洋": 205}}
    count(tw, election, Numbers(240, 240, 0, 0, votes))
    officer = user_for(Role.TOWNSHIP_OFFICER, tree.township_a, username="officer")
    result_certify(election=election, acting_user=officer)
    entry = SheetEntry.objects.filter(sheet__election=election).first()
    assert entry is not None
    with pytest.raises(ValidationError):  # the lock: a certified result's sheets
        entry.save()
    result_reopen(
        election=election, reason="理事刘洋的得票录错", box_names=["中心会场"], acting_user=officer
    )
    assert Reopening.objects.get(election=election).was_certified
    assert not OfficeHolder.objects.filter(election=election).exists()
    # the meeting may be corrected before the count again (the size was 320)
    meeting_record(election=election, assembly="members", assembly_size=320, acting_user=tw.first)
    fixed = {"chair": {"王强": 230}, "member": {"赵刚": 210, "刘洋": 195}}
    for clerk in (tw.first, tw.second):
        done = sheet_entry_record(
            election=election,
            box=tw.central,
            numbers=Numbers(240, 240, 0, 0, fixed),
            acting_user=clerk,
        )
    # 3v >= 2·320 → 214: 赵刚's 210 now fall short as well (CEO-2)
    assert elected(done.result) == [("王强", "chair")]


def test_CEO_4_near_relatives_on_the_board_the_weaker_are_voided_after_the_count(
    tw: TallyWorld,
) -> None:
    # 王强 is 赵刚's father and 周杰's grandfather (through 赵刚): the relation graph gives
    # the engine the closed set, the elder first (tally-io.md `relations`).
    people = tw.world.people
    family(people["王强"], people["赵刚"], "parent_child")
    family(people["赵刚"], people["周杰"], "parent_child")
    vc_complete(tw, ("张伟", "chair"))
    election = body_election(tw, "cooperative_board", {"chair": 1, "member": 4})
    meeting_record(
        election=election, assembly="representatives", assembly_size=30, acting_user=tw.first
    )
    votes = {"chair": {"王强": 25}, "member": {"赵刚": 24, "刘洋": 22, "周杰": 21, "吴磊": 20}}
    result = count(tw, election, Numbers(30, 30, 0, 0, votes))
    assert result is not None
    assert result.contest["relations"] == [
        ["王强", "周杰", "grandparent_grandchild"],
        ["王强", "赵刚", "parent_child"],
        ["赵刚", "周杰", "parent_child"],
    ]
    out = outcome(result)
    # 赵刚 and 周杰, weaker than the chair, are voided after the count; nobody else reaches
    # the bar 3v >= 2·30, so their two seats stay open.
    assert [v["person"] for v in out["voided"]] == ["赵刚", "周杰"]
    assert {v["rule"] for v in out["voided"]} == {out["voided"][0]["rule"]}
    assert elected(result) == [("王强", "chair"), ("刘洋", "member"), ("吴磊", "member")]
    assert out["unfilled"] == {"member": 2}


def test_SUP_1_the_village_elections_tab_links_to_the_supervision_round(tw: TallyWorld) -> None:
    from django.test import Client
    from django.urls import reverse

    election = body_election(tw, "supervision_committee", {"chair": 1, "member": 2})
    client = Client()
    client.force_login(tw.first)
    url = reverse("core:village", args=[tw.world.village.pk]) + "?tab=elections"
    page = client.get(url).content.decode()
    assert reverse("ballots:round", args=[election.pk]) in page


def test_SUP_1_township_board_follows_the_supervision_rounds(
    tw: TallyWorld, tree: RegionTree
) -> None:
    from django.test import Client
    from django.urls import reverse

    from huanjie.accounts.models import Role
    from huanjie.accounts.tests.factories import user_for

    election = supervision(tw, "representatives", 55)
    votes = {"chair": {"王强": 30}, "member": {"赵刚": 30, "刘洋": 28}}
    count(tw, election, Numbers(40, 40, 0, 0, votes))
    client = Client()
    client.force_login(user_for(Role.TOWNSHIP_OFFICER, tree.township_a, username="officer"))
    url = reverse("ballots:township")
    page = client.get(url + "?body=supervision_committee").content.decode()
    assert reverse("ballots:round", args=[election.pk]) in page
    assert "已计票，待乡镇确认" in page and "选举完成" in page
    assert client.get(url + "?body=recall").status_code == 404
