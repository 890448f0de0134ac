"""Arrangements: mobile boxes approved by the township with their published voter list and at
least three scrutineers (MOBILE-1, MOBILE-2), counting staff without candidates or their
relatives (VC-VOTE-5, KIN-3, ZJ: spouse, parents, children, siblings), and the announcement on a
lawful day (§C.7, ZJ: D−5). Every refusal changes nothing."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.audit.models import AuditEntry
from huanjie.ballots.models import BoxKind
from huanjie.nominations.models import Application, Kind, Recruitment, Status
from huanjie.voting.documents import arrangements_context, arrangements_document
from huanjie.voting.models import Duty, MobileVoter, Publication, StaffMember, Station
from huanjie.voting.selectors import arrangements_view
from huanjie.voting.services import (
    arrangements_publish,
    mobile_approve,
    mobile_voter_add,
    staff_add,
    station_add,
)
from huanjie.voting.tests.world import VotingWorld, build_voting

pytestmark = pytest.mark.django_db
LAST = date(2026, 4, 13)  # D−5


@pytest.fixture
def vw(tree: RegionTree) -> VotingWorld:
    return build_voting(tree)


def unchanged(vw: VotingWorld, change, match: str) -> str:  # type: ignore[no-untyped-def]
    def counts() -> tuple[int, ...]:
        return (
            Station.objects.count(),
            StaffMember.objects.count(),
            MobileVoter.objects.count(),
            Publication.objects.count(),
            AuditEntry.objects.count(),
        )

    before = counts()
    with pytest.raises(ValidationError) as caught:
        change()
    said = "".join(caught.value.messages)
    assert match in said
    assert counts() == before
    return said


def mobile(vw: VotingWorld) -> Station:
    return station_add(
        election=vw.world.election,
        kind=BoxKind.MOBILE,
        name="流动票箱一",
        place="村委会出发",
        hours="8:00—11:00",
        route="一组—三组",
        acting_user=vw.committee,
    )


def staff(vw: VotingWorld, name: str, duty: str, station: Station | None = None) -> StaffMember:
    return staff_add(
        election=vw.world.election,
        person=vw[name],
        duty=duty,
        station=station,
        acting_user=vw.committee,
    )


def ready(vw: VotingWorld) -> Station:
    """A complete arrangement: callers and counters, a mobile box approved with 3 scrutineers."""
    staff(vw, "周杰", Duty.CALLER)
    staff(vw, "陈静", Duty.COUNTER)
    box = mobile(vw)
    for name in ("赵刚", "陈静", "吴磊"):
        staff(vw, name, Duty.SCRUTINEER, box)
    mobile_voter_add(station=box, person=vw["李梅"], reason="年老体弱", acting_user=vw.committee)
    mobile_approve(station=box, acting_user=vw.township)
    return box


def test_kin_3_candidates_son_refused_with_the_chain(vw: VotingWorld) -> None:
    said = unchanged(vw, lambda: staff(vw, "王强", Duty.COUNTER), "KIN-3")
    assert said.startswith("王强不得担任唱票、计票、监票人员：王强是张伟的儿子，而张伟是候选人")


def test_kin_3_candidates_brother_refused_in_zhejiang(vw: VotingWorld) -> None:
    from huanjie.committees.tests.world import family

    family(vw["张伟"], vw["刘洋"], "sibling")
    unchanged(vw, lambda: staff(vw, "刘洋", Duty.CALLER), "刘洋是张伟的兄弟")


def test_vc_vote_5_candidate_is_not_staff(vw: VotingWorld) -> None:
    unchanged(vw, lambda: staff(vw, "张伟", Duty.CALLER), "张伟是候选人（自荐人）")


def test_kin_3_candidate_added_later_blocks_the_announcement(vw: VotingWorld) -> None:
    ready(vw)
    recruitment = Recruitment.objects.get()
    Application.objects.create(
        recruitment=recruitment,
        person=vw["刘洋"],
        kind=Kind.SELF,
        filed_on=date(2026, 4, 2),
        status=Status.FILED,
    )
    # 周杰 (caller) is 刘洋's brother, 吴磊 (scrutineer) his father.
    view = arrangements_view(vw.world.election)
    assert [(p.staff, p.rule_id) for p in view.problems] == [
        (str(vw["周杰"].pk), "KIN-3"),
        (str(vw["吴磊"].pk), "KIN-3"),
    ]
    said = unchanged(
        vw,
        lambda: arrangements_publish(
            election=vw.world.election, day=LAST, acting_user=vw.committee
        ),
        "周杰是刘洋的兄弟",
    )
    assert "吴磊是刘洋的父亲" in said


def test_mobile_1_township_approves_who_and_when(vw: VotingWorld) -> None:
    box = mobile(vw)
    with pytest.raises(PermissionDenied):
        mobile_approve(station=box, acting_user=vw.committee)
    mobile_approve(station=box, acting_user=vw.township)
    box.refresh_from_db()
    assert box.approved_by == vw.township and box.approved_at is not None
    assert AuditEntry.objects.filter(action="voting.mobile_approve").count() == 1
    unchanged(vw, lambda: mobile_approve(station=box, acting_user=vw.township), "已于")


def test_mobile_1_unapproved_box_blocks_the_announcement(vw: VotingWorld) -> None:
    staff(vw, "周杰", Duty.CALLER)
    staff(vw, "陈静", Duty.COUNTER)
    box = mobile(vw)
    for name in ("赵刚", "陈静", "吴磊"):
        staff(vw, name, Duty.SCRUTINEER, box)
    unchanged(
        vw,
        lambda: arrangements_publish(
            election=vw.world.election, day=LAST, acting_user=vw.committee
        ),
        "尚未经乡镇选举工作指导机构批准，批准后方可使用。（MOBILE-1）",
    )


def test_mobile_2_three_scrutineers_per_mobile_box(vw: VotingWorld) -> None:
    staff(vw, "周杰", Duty.CALLER)
    staff(vw, "陈静", Duty.COUNTER)
    box = mobile(vw)
    mobile_approve(station=box, acting_user=vw.township)
    staff(vw, "赵刚", Duty.SCRUTINEER, box)
    staff(vw, "吴磊", Duty.SCRUTINEER, box)
    unchanged(
        vw,
        lambda: arrangements_publish(
            election=vw.world.election, day=LAST, acting_user=vw.committee
        ),
        "只有2名监票人，每个流动票箱至少需要3名，请补足后再出发。（MOBILE-2）",
    )


def test_mobile_1_only_registered_voters_on_the_list(vw: VotingWorld) -> None:
    box = mobile(vw)
    unchanged(
        vw,
        lambda: mobile_voter_add(
            station=box, person=vw["外村人"], reason="残疾", acting_user=vw.committee
        ),
        "外村人不在本村本届选民名单上",
    )
    mobile_voter_add(station=box, person=vw["李梅"], reason="年老体弱", acting_user=vw.committee)
    unchanged(
        vw,
        lambda: mobile_voter_add(
            station=box, person=vw["李梅"], reason="年老体弱", acting_user=vw.committee
        ),
        "已列入“流动票箱一”",
    )


def test_mobile_1_list_only_for_a_mobile_box(vw: VotingWorld) -> None:
    unchanged(
        vw,
        lambda: mobile_voter_add(
            station=vw.central, person=vw["李梅"], reason="年老", acting_user=vw.committee
        ),
        "不是流动票箱",
    )


def test_announcement_after_the_last_lawful_day_refused(vw: VotingWorld) -> None:
    ready(vw)
    said = unchanged(
        vw,
        lambda: arrangements_publish(
            election=vw.world.election, day=date(2026, 4, 14), acting_user=vw.committee
        ),
        "晚于法定最晚日2026年4月13日（选举日前5日）",
    )
    assert "（C.7）" in said
    published = arrangements_publish(election=vw.world.election, day=LAST, acting_user=vw.committee)
    assert published.published_on == LAST and published.published_by == vw.committee


def test_a_change_after_the_announcement_takes_it_down(vw: VotingWorld) -> None:
    ready(vw)
    arrangements_publish(election=vw.world.election, day=LAST, acting_user=vw.committee)
    staff(vw, "刘洋", Duty.COUNTER)
    assert not Publication.objects.exists()
    assert AuditEntry.objects.filter(action="voting.arrangements_withdraw").count() == 1


def test_announcement_needs_a_central_venue_and_counting_staff(vw: VotingWorld) -> None:
    said = unchanged(
        vw,
        lambda: arrangements_publish(
            election=vw.world.election, day=LAST, acting_user=vw.committee
        ),
        "还没有确定唱票人和计票人",
    )
    assert "中心会场" not in said  # the world has one


def test_one_central_venue(vw: VotingWorld) -> None:
    unchanged(
        vw,
        lambda: station_add(
            election=vw.world.election,
            kind=BoxKind.CENTRAL,
            name="第二会场",
            place="小学",
            hours="8:00",
            acting_user=vw.committee,
        ),
        "中心会场只能设一个",
    )


def test_arrangements_document(vw: VotingWorld) -> None:
    ready(vw)
    arrangements_publish(election=vw.world.election, day=LAST, acting_user=vw.committee)
    context = arrangements_context(vw.world.election)
    numbers = [n.number for n in context["notices"]]
    assert numbers == ["第10号", "第11号", "第12号"]
    ten, eleven, twelve = context["notices"]
    assert ten.rows[0][:3] == ["中心会场", "中心会场", "村文化礼堂"]
    assert "唱票人：周杰" in eleven.paragraphs
    assert twelve.rows == [["流动票箱一", "李梅", "—", "年老体弱"]]
    assert context["issued_on"] == LAST and not context["draft"]
    assert arrangements_document(vw.world.election).pdf()[:4] == b"%PDF"
