"""The round page's other writes through the API: a box's ballots (a CSV/Excel upload or JSON
rows) → 201 with the box's totals, 400 naming the row and column with nothing written, 409
before the round's day (VC-VOTE-6); a later round's day (VC-TALLY-7); the pick of a winner
whose name two voters bear."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from rest_framework.test import APIClient

from huanjie.accounts.models import Role, User
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.ballots.models import RoundLink
from huanjie.ballots.tests.test_ballot_mode import BALLOTS, HEADER, state
from huanjie.ballots.tests.test_ballot_pages import both
from huanjie.ballots.tests.world import TallyWorld, build, sheet
from huanjie.elections.models import Election, OfficeHolder
from huanjie.registration.models import Voter

pytestmark = pytest.mark.django_db


@pytest.fixture
def tw(tree: RegionTree) -> TallyWorld:
    return build(tree)


def api(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def url(tw: TallyWorld, box: str = "central") -> str:
    box_id = getattr(tw, box).pk
    return f"/api/v1/elections/{tw.world.election.pk}/tally/boxes/{box_id}/ballots/"


def rows(*lines: str) -> list[list[str]]:
    return [line.split(",") for line in lines]


def json_body(lines: list[str], issued: int = 6, collected: int = 6) -> dict[str, Any]:
    return {"ballots_issued": issued, "ballots_collected": collected, "rows": rows(*lines)}


def test_VC_VOTE_3_a_box_s_ballots_as_json_rows_give_201_with_the_box_s_totals(
    tw: TallyWorld,
) -> None:
    response = api(tw.first).post(url(tw), json_body([HEADER, *BALLOTS]), format="json")
    assert response.status_code == 201, response.json()
    answer = response.json()
    assert answer["box"] == tw.central.pk and answer["counted"] is False
    assert (answer["invalid_ballots"], answer["blank_ballots"]) == (4, 1)
    assert answer["invalid_by_rule"] == {
        "VC-TALLY-3": 1,
        "VC-TALLY-4": 1,
        "INVALID-BLANK": 1,
        "INVALID-TORN": 1,
    }
    assert answer["votes"]["chair"] == {"张伟": 2}
    assert state()[:3] == (6, 1, 1)


def test_an_uploaded_csv_or_excel_file_is_read_as_on_the_page(tw: TallyWorld) -> None:
    data = ("\n".join([HEADER, *BALLOTS]) + "\n").encode("gb18030")
    upload = SimpleUploadedFile("ballots.csv", data, content_type="text/csv")
    body = {"ballots_issued": 6, "ballots_collected": 6, "table": upload}
    response = api(tw.first).post(url(tw), body, format="multipart")
    assert response.status_code == 201 and response.json()["invalid_ballots"] == 4
    book = Workbook()
    for line in [HEADER, *BALLOTS[:2]]:
        book.active.append(line.split(","))
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("ballots.xlsx", buffer.getvalue())
    body = {"ballots_issued": 2, "ballots_collected": 2, "table": upload}
    response = api(tw.first).post(url(tw, "mobile"), body, format="multipart")
    assert response.status_code == 201 and response.json()["invalid_ballots"] == 0


@pytest.mark.parametrize(
    ("lines", "issued", "words"),
    [
        ([HEADER, "好,,,,,,,,,,,", *BALLOTS[1:]], 6, "第 2 行“主任:张伟”一格的“好”不是可用的标记"),
        ([HEADER.replace("主任:张伟", "书记:张伟"), *BALLOTS], 6, "职位“书记”不在"),
        ([HEADER, *BALLOTS], 5, "VC-TALLY-2"),
        ([HEADER, *BALLOTS[:5]], 6, "表格中有 5 张选票，与填写的收回选票 6 张不符"),
    ],
)
def test_a_bad_table_is_400_with_the_row_and_column_and_writes_nothing(
    tw: TallyWorld, lines: list[str], issued: int, words: str
) -> None:
    before = state()
    response = api(tw.first).post(url(tw), json_body(lines, issued=issued), format="json")
    assert response.status_code == 400
    assert words in response.json()["message"]
    assert state() == before


def test_a_file_that_is_no_table_and_a_wrong_body_are_400_and_write_nothing(
    tw: TallyWorld,
) -> None:
    before = state()
    upload = SimpleUploadedFile("ballots.pdf", b"%PDF-1.4")
    body = {"ballots_issued": 6, "ballots_collected": 6, "table": upload}
    response = api(tw.first).post(url(tw), body, format="multipart")
    assert response.status_code == 400 and "不是 CSV 或 Excel" in response.json()["message"]
    wrong = json_body([HEADER, *BALLOTS])
    wrong["ballots_issued"] = "6"
    assert api(tw.first).post(url(tw), wrong, format="json").status_code == 400
    assert state() == before


def test_VC_VOTE_6_ballots_before_the_round_s_day_are_409_and_write_nothing(
    tw: TallyWorld,
) -> None:
    election = tw.world.election
    Election.objects.filter(pk=election.pk).update(
        election_day=election.election_day + timedelta(days=400)  # type: ignore[operator]
    )
    before = state()
    response = api(tw.first).post(url(tw), json_body([HEADER, *BALLOTS]), format="json")
    assert response.status_code == 409 and response.json()["code"] == "VC-VOTE-6"
    assert state() == before


def test_ballots_are_the_committee_s_and_another_village_s_box_is_404(
    tw: TallyWorld, tree: RegionTree
) -> None:
    before = state()
    township = user_for(Role.TOWNSHIP_OFFICER, tree.township_a)
    body = json_body([HEADER, *BALLOTS])
    assert api(township).post(url(tw), body, format="json").status_code == 403
    other = user_for(Role.ELECTION_COMMITTEE, tree.c1, username="c1clerk")
    assert api(other).post(url(tw), body, format="json").status_code == 404
    missing = f"/api/v1/elections/{tw.world.election.pk}/tally/boxes/987654/ballots/"
    assert api(tw.first).post(missing, body, format="json").status_code == 404
    assert APIClient().post(url(tw), body, format="json").status_code == 401
    assert state() == before


def _supplementary(tw: TallyWorld) -> Election:
    both(
        tw,
        "central",
        sheet(
            issued=8,
            collected=8,
            invalid=0,
            blank=0,
            chair={"张伟": 6},
            vice_chair={"赵刚": 4, "王强": 3},
            member={"刘洋": 6, "周杰": 5},
            women_member={"李梅": 7},
        ),
    )
    both(tw, "mobile", sheet(issued=0, collected=0, invalid=0, blank=0, chair={}))
    return RoundLink.objects.select_related("election").get(previous=tw.world.election).election


def test_VC_TALLY_7_a_later_round_s_day_is_put_within_its_deadline(
    tw: TallyWorld, tree: RegionTree
) -> None:
    supp = _supplementary(tw)
    deadline = supp.round_link.deadline
    assert deadline is not None and supp.election_day is None
    day_url = f"/api/v1/elections/{supp.pk}/day/"
    late = api(tw.first).put(
        day_url, {"election_day": f"{deadline + timedelta(days=1):%Y-%m-%d}"}, format="json"
    )
    assert late.status_code == 400 and "VC-TALLY-7" in late.json()["message"]
    assert api(tw.first).put(day_url, {"election_day": "明天"}, format="json").status_code == 400
    township = user_for(Role.TOWNSHIP_OFFICER, tree.township_a)
    body = {"election_day": f"{deadline:%Y-%m-%d}"}
    assert api(township).put(day_url, body, format="json").status_code == 403
    first_round = f"/api/v1/elections/{tw.world.election.pk}/day/"
    refused = api(tw.first).put(first_round, body, format="json")
    assert refused.status_code == 409 and refused.json()["code"] == "round"
    supp.refresh_from_db()
    assert supp.election_day is None
    done = api(tw.first).put(day_url, body, format="json")
    assert done.status_code == 200 and done.json()["election_day"] == f"{deadline:%Y-%m-%d}"
    supp.refresh_from_db()
    assert supp.election_day == deadline


def test_a_winner_two_voters_bear_is_picked_through_the_api(tw: TallyWorld) -> None:
    pick_url = f"/api/v1/elections/{tw.world.election.pk}/result/winners/"
    early = api(tw.first).post(pick_url, {"name": "王芳", "voter": 1}, format="json")
    assert early.status_code == 409 and early.json()["code"] == "result"
    numbers = sheet(
        issued=6,
        collected=6,
        invalid=0,
        blank=0,
        chair={"张伟": 6},
        vice_chair={"赵刚": 6},
        member={"刘洋": 6, "周杰": 6},
        women_member={"王芳": 6},
    )
    both(tw, "central", numbers)
    both(tw, "mobile", sheet(issued=0, collected=0, invalid=0, blank=0, chair={}))
    voters = list(Voter.objects.filter(name="王芳").order_by("id"))
    wrong = Voter.objects.get(name="张伟")
    refused = api(tw.first).post(pick_url, {"name": "王芳", "voter": wrong.pk}, format="json")
    assert refused.status_code == 400 and "同名选民中选择" in refused.json()["message"]
    stranger = api(tw.first).post(pick_url, {"name": "无名", "voter": wrong.pk}, format="json")
    assert stranger.status_code == 400
    assert not OfficeHolder.objects.filter(person__name="王芳").exists()
    done = api(tw.first).post(pick_url, {"name": "王芳", "voter": voters[1].pk}, format="json")
    assert done.status_code == 201
    assert done.json()["holder"]["post"] == "women_member" and done.json()["homonyms"] == []
    holder = OfficeHolder.objects.get(person__name="王芳")
    assert holder.person_id == voters[1].person_id
    again = api(tw.first).post(pick_url, {"name": "王芳", "voter": voters[0].pk}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "recorded"
