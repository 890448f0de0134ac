"""MOBILE-2 (BJ art 23): the minimum number of scrutineers holds per polling station as well as
per mobile box where the profile says so (BJ_2012: 3); the arrangements cannot be published while
a station lacks them, and the refusal names the station and the number. Zhejiang sets no
minimum per station."""

from __future__ import annotations

import pytest

from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.ballots.models import BoxKind
from huanjie.campaigns.models import Campaign
from huanjie.voting.models import Duty, Publication, Station
from huanjie.voting.selectors import arrangements_view
from huanjie.voting.services import arrangements_publish, station_add
from huanjie.voting.tests.test_arrangements import LAST, ready, staff, unchanged
from huanjie.voting.tests.world import VotingWorld, build_voting

pytestmark = pytest.mark.django_db


@pytest.fixture
def vw(tree: RegionTree) -> VotingWorld:
    return build_voting(tree)


def beijing(vw: VotingWorld) -> None:
    Campaign.objects.filter(pk=vw.world.election.plan.campaign_id).update(profile_id="BJ_2012")
    vw.world.election.plan.campaign.refresh_from_db()


def station(vw: VotingWorld, kind: str, name: str) -> Station:
    return station_add(
        election=vw.world.election,
        kind=kind,
        name=name,
        place="村委会",
        hours="8:00—12:00",
        acting_user=vw.committee,
    )


def test_mobile_2_bj_a_polling_station_short_of_scrutineers_blocks_the_announcement(
    vw: VotingWorld,
) -> None:
    beijing(vw)
    ready(vw)
    central = Station.objects.get(election=vw.world.election, box__kind=BoxKind.CENTRAL)
    for name in ("赵刚", "陈静", "吴磊"):
        staff(vw, name, Duty.SCRUTINEER, central)
    second = station(vw, BoxKind.STATION, "第二投票站")
    staff(vw, "赵刚", Duty.SCRUTINEER, second)
    staff(vw, "吴磊", Duty.SCRUTINEER, second)
    said = unchanged(
        vw,
        lambda: arrangements_publish(
            election=vw.world.election, day=LAST, acting_user=vw.committee
        ),
        "投票站“第二投票站”只有2名监票人，每个投票站至少需要3名，请补足后再公布。（MOBILE-2）",
    )
    assert "中心会场" not in said  # the central venue has its three
    view = arrangements_view(vw.world.election)
    shown = {s.station.box.name: [f.rule_id for f in s.findings] for s in view.stations}
    assert shown["第二投票站"] == ["MOBILE-2"] and shown["中心会场"] == []
    staff(vw, "陈静", Duty.SCRUTINEER, second)
    arrangements_publish(election=vw.world.election, day=LAST, acting_user=vw.committee)
    assert Publication.objects.count() == 1


def test_mobile_2_zj_sets_no_minimum_per_polling_station(vw: VotingWorld) -> None:
    ready(vw)
    central = Station.objects.get(election=vw.world.election, box__kind=BoxKind.CENTRAL)
    staff(vw, "赵刚", Duty.SCRUTINEER, central)
    station(vw, BoxKind.STATION, "第二投票站")
    arrangements_publish(election=vw.world.election, day=LAST, acting_user=vw.committee)
    assert Publication.objects.count() == 1
