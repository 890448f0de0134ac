"""The round page's panel: a box imported ballot by ballot from a pasted table or a file (bad
input refused on the page, nothing written), the day of a system-created round set on the page
(VC-VOTE-6 / VC-TALLY-7), and a winner whose name two voters bear picked by the committee."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.audit.models import AuditEntry
from huanjie.ballots.ballot_models import BallotRecord
from huanjie.ballots.models import RoundLink, RoundResult, SheetEntry
from huanjie.ballots.services import sheet_entry_record
from huanjie.ballots.tests.test_ballot_mode import BALLOTS, HEADER
from huanjie.ballots.tests.world import TallyWorld, build, sheet
from huanjie.elections.models import OfficeHolder
from huanjie.registration.models import Voter

pytestmark = pytest.mark.django_db


@pytest.fixture
def tw(tree: RegionTree) -> TallyWorld:
    return build(tree)


def client_for(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def both(tw: TallyWorld, box: str, numbers=None) -> None:  # type: ignore[no-untyped-def]
    for clerk in (tw.first, tw.second):
        sheet_entry_record(
            election=tw.world.election,
            box=getattr(tw, box),
            numbers=numbers or sheet(),
            acting_user=clerk,
        )


def test_a_box_is_imported_from_a_pasted_table_and_bad_input_changes_nothing(
    tw: TallyWorld,
) -> None:
    election = tw.world.election
    client = client_for(tw.first)
    page = client.get(reverse("ballots:round", args=[election.pk])).content.decode()
    assert "逐张选票计票" in page and "中心会场：导入选票" in page
    url = reverse("ballots:ballots", args=[election.pk, tw.central.pk])
    assert "主任:另选他人" in client.get(url).content.decode()
    bad = "\n".join([HEADER, "好,,,,,,,,,,,"])
    answer = client.post(url, {"ballots_issued": "1", "ballots_collected": "1", "text": bad})
    assert answer.status_code == 200
    assert "未导入，什么也没有改变" in answer.content.decode()
    assert "“好”不是可用的标记" in answer.content.decode()
    assert BallotRecord.objects.count() == 0 and SheetEntry.objects.count() == 0
    good = "\n".join([HEADER, *BALLOTS])
    answer = client.post(url, {"ballots_issued": "6", "ballots_collected": "6", "text": good})
    assert answer.status_code == 302
    assert BallotRecord.objects.count() == 6
    page = client.get(reverse("ballots:round", args=[election.pk])).content.decode()
    assert "已按逐张选票计入：中心会场 6 张" in page


def test_a_csv_file_is_imported_and_the_empty_table_downloads(tw: TallyWorld) -> None:
    election = tw.world.election
    both(tw, "mobile", sheet(issued=3, collected=3, invalid=0, blank=0, chair={"张伟": 3}))
    client = client_for(tw.first)
    template = client.get(reverse("ballots:ballots_template", args=[election.pk]))
    assert template["Content-Type"].startswith("text/csv")
    assert "无效原因" in template.content.decode("utf-8-sig")
    upload = SimpleUploadedFile(
        "中心会场.csv", "\n".join([HEADER, *BALLOTS]).encode("gb18030"), "text/csv"
    )
    url = reverse("ballots:ballots", args=[election.pk, tw.central.pk])
    answer = client.post(
        url, {"ballots_issued": "6", "ballots_collected": "6", "table": upload}, follow=True
    )
    assert "选举结果已计出" in answer.content.decode()
    assert RoundResult.objects.get().contest["ballots_collected"] == 9


def test_township_officers_cannot_import(tw: TallyWorld, tree: RegionTree) -> None:
    township = client_for(user_for(Role.TOWNSHIP_OFFICER, tree.township_a))
    url = reverse("ballots:ballots", args=[tw.world.election.pk, tw.central.pk])
    assert township.get(url).status_code == 403


def test_VC_VOTE_6_the_supplementary_rounds_day_is_set_on_the_round_page(tw: TallyWorld) -> None:
    votes = {
        "chair": {"张伟": 6},
        "vice_chair": {"赵刚": 4, "王强": 3},
        "member": {"刘洋": 6, "周杰": 5},
        "women_member": {"李梅": 7},
    }
    from huanjie.ballots.contest import Numbers

    both(tw, "central", Numbers(8, 8, 0, 0, votes))
    both(tw, "mobile", Numbers(0, 0, 0, 0))
    link = RoundLink.objects.select_related("election").get(previous=tw.world.election)
    supp = link.election
    client = client_for(tw.first)
    page = client.get(reverse("ballots:round", args=[supp.pk])).content.decode()
    assert "本轮选举日还没有确定" in page
    assert link.deadline is not None
    late = client.post(
        reverse("ballots:round_day", args=[supp.pk]),
        {"election_day": f"{link.deadline.replace(year=link.deadline.year + 1):%Y-%m-%d}"},
        follow=True,
    )
    assert "VC-TALLY-7" in late.content.decode()
    day = tw.world.election.election_day
    assert day is not None
    done = client.post(
        reverse("ballots:round_day", args=[supp.pk]), {"election_day": f"{day:%Y-%m-%d}"}
    )
    assert done.status_code == 302
    supp.refresh_from_db()
    assert supp.election_day == day


def test_a_winner_two_voters_bear_is_picked_by_the_committee(tw: TallyWorld) -> None:
    """王芳 is two voters: the count names her, the committee picks which one (group, birth
    date), and she is recorded like any winner."""
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
    election = tw.world.election
    assert not OfficeHolder.objects.filter(election=election, person__name="王芳").exists()
    client = client_for(tw.first)
    page = client.get(reverse("ballots:round", args=[election.pk])).content.decode()
    assert "同名当选人" in page and "选民名单上有 2 人同名" in page
    voters = list(Voter.objects.filter(name="王芳").order_by("id"))
    assert all(f'value="{v.pk}"' in page for v in voters)
    wrong = Voter.objects.get(name="张伟")
    client.post(
        reverse("ballots:homonym_pick", args=[election.pk]), {"name": "王芳", "voter": wrong.pk}
    )
    assert not OfficeHolder.objects.filter(election=election, person__name="王芳").exists()
    audits = AuditEntry.objects.count()
    answer = client.post(
        reverse("ballots:homonym_pick", args=[election.pk]),
        {"name": "王芳", "voter": voters[1].pk},
        follow=True,
    )
    assert "已登记王芳任妇女委员" in answer.content.decode()
    holder = OfficeHolder.objects.get(election=election, person__name="王芳")
    assert holder.person_id == voters[1].person_id and holder.post == "women_member"
    assert AuditEntry.objects.count() == audits + 1
    page = client.get(reverse("ballots:round", args=[election.pk])).content.decode()
    assert "同名当选人" not in page
