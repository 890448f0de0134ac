"""Recommendation rounds on 东坑村's 主任 post: 三推 from the applications to formal candidates
accepted on the slate, 两推, the meeting's non-member share, the tally entered once, the speech
draw replayed from its seed, 两述 with questions, and the 胜任指数 (SEED-3T2S1X, PB-NOM-1,
SEED-GTZX-1)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError

from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.audit.models import AuditEntry
from huanjie.committees.tests.world import World
from huanjie.nominations import recommendation as svc
from huanjie.nominations.models import (
    Application,
    CompetencyItem,
    RecommendationRound,
    Recruitment,
    Status,
)
from huanjie.nominations.services import application_file
from huanjie.nominations.tests.world import nomination_world
from huanjie.regions.models import Level

pytestmark = pytest.mark.django_db

FILED = date(2026, 3, 25)
NAMES = ("李四", "王五", "丁一", "张三")


@pytest.fixture
def built(tree: RegionTree) -> tuple[World, Recruitment, dict[str, Application]]:
    world, chair = nomination_world(tree)
    apps = {
        name: application_file(
            recruitment=chair,
            person=world[name],
            kind="self",
            filed_on=FILED,
            acting_user=None,
        )
        for name in NAMES
    }
    return world, chair, apps


def _open(
    chair: Recruitment, kind: str, procedure: str = "three", **kw: object
) -> RecommendationRound:
    township = kind.startswith("township")
    values: dict[str, object] = {
        "held_on": date(2026, 3, 28),
        "place": "村文化礼堂",
        "meeting": "乡镇党委会议" if township else "党员群众大会",
        "eligible": 9 if township else 60,
        "members_present": 9 if township else 30,
        "nonmember_representatives": 0 if township else 9,
    }
    values.update(kw)
    return svc.round_open(
        recruitment=chair,
        procedure=procedure,
        kind=kind,
        acting_user=None,
        **values,  # type: ignore[arg-type]
    )


def _refused(call: object) -> str:
    with pytest.raises(ValidationError) as err:
        call()  # type: ignore[operator]
    return " ".join(err.value.messages)


def test_SEED_3T2S1X_three_recommendations_end_in_formal_candidates_on_the_slate(
    built: tuple[World, Recruitment, dict[str, Application]],
) -> None:
    _, chair, apps = built
    _open(chair, "initial_nomination")
    assert "初始提名推荐就是报名本身" in _refused(
        lambda: svc.tally_record(
            rnd=chair.recommendation_rounds.get(),
            ballots=1,
            void_ballots=0,
            places=1,
            votes={},
            acting_user=None,
        )
    )
    trust = _open(chair, "mass_trust")
    # 39 ballots: more than half is at least 20 votes; 张三 with 12 falls out.
    votes = {apps["李四"].pk: 30, apps["王五"].pk: 25, apps["丁一"].pk: 21, apps["张三"].pk: 12}
    view = svc.tally_record(
        rnd=trust, ballots=39, void_ballots=1, places=3, votes=votes, acting_user=None
    )
    assert view.count is not None and view.count.needed == 20
    assert [a.person.name for a in view.advancing] == ["李四", "王五", "丁一"]
    assert not view.formal
    assert "每轮只登记一次" in _refused(
        lambda: svc.tally_record(
            rnd=trust, ballots=39, void_ballots=1, places=3, votes=votes, acting_user=None
        )
    )
    vote = _open(chair, "township_vote", held_on=date(2026, 3, 30))
    township = svc.round_view(vote)
    assert [a.person.name for a in township.candidates] == ["李四", "王五", "丁一"]
    formal = svc.tally_record(
        rnd=vote,
        ballots=9,
        void_ballots=0,
        places=2,
        votes={apps["李四"].pk: 8, apps["王五"].pk: 6, apps["丁一"].pk: 3},
        acting_user=None,
    )
    assert formal.formal and [a.person.name for a in formal.advancing] == ["李四", "王五"]
    statuses = {a.person.name: a.status for a in Application.objects.filter(recruitment=chair)}
    assert statuses == {
        "李四": Status.ACCEPTED,
        "王五": Status.ACCEPTED,
        "丁一": Status.FILED,
        "张三": Status.FILED,
    }
    codes = list(AuditEntry.objects.values_list("action", flat=True))
    assert codes.count("recommendation.open") == 3 and codes.count("recommendation.tally") == 2
    assert codes.count("nomination.accept") == 2
    # 两述之二: the formal candidates speak again at the members' meeting; no vote there.
    assert "党员大会只由党员参加" in _refused(
        lambda: _open(chair, "members_meeting", held_on=date(2026, 4, 2))
    )
    meeting = _open(chair, "members_meeting", held_on=date(2026, 4, 2), nonmember_representatives=0)
    assert [a.person.name for a in svc.round_view(meeting).candidates] == ["李四", "王五"]
    svc.statement_record(
        rnd=meeting,
        application=apps["王五"],
        kind="campaign",
        summary="三年内建成村级养老服务站。",
        acting_user=None,
    )
    assert "不是本轮人选" in _refused(
        lambda: svc.statement_record(
            rnd=meeting, application=apps["丁一"], kind="campaign", summary="…", acting_user=None
        )
    )
    assert "党员大会竞职陈述不计票" in _refused(
        lambda: svc.tally_record(
            rnd=meeting, ballots=1, void_ballots=0, places=1, votes={}, acting_user=None
        )
    )


def test_SEED_3T2S1X_township_vote_must_be_competitive(
    built: tuple[World, Recruitment, dict[str, Application]],
) -> None:
    _, chair, apps = built
    assert "须先完成“初始提名推荐”" in _refused(lambda: _open(chair, "mass_trust"))
    _open(chair, "initial_nomination")
    assert "会议日期2026-03-27早于上一轮“初始提名推荐”（2026-03-28）" in _refused(
        lambda: _open(chair, "mass_trust", held_on=date(2026, 3, 27))
    )
    trust = _open(chair, "mass_trust")
    svc.tally_record(
        rnd=trust,
        ballots=39,
        void_ballots=0,
        places=2,
        votes={apps["李四"].pk: 30, apps["王五"].pk: 25, apps["丁一"].pk: 10, apps["张三"].pk: 5},
        acting_user=None,
    )
    vote = _open(chair, "township_vote")
    result = svc.tally_record(
        rnd=vote,
        ballots=9,
        void_ballots=0,
        places=2,
        votes={apps["李四"].pk: 9, apps["王五"].pk: 9},
        acting_user=None,
    )
    assert "未实行差额" in result.count.findings[0].message  # type: ignore[union-attr]
    # a blocked count accepts nobody
    assert not Application.objects.filter(recruitment=chair, status=Status.ACCEPTED).exists()


def test_PB_NOM_1_two_recommendations_party_then_township(
    built: tuple[World, Recruitment, dict[str, Application]],
) -> None:
    _, chair, apps = built
    assert "须先完成“党员和群众推荐”" in _refused(
        lambda: _open(chair, "township_recommendation", procedure="two")
    )
    first = _open(chair, "party_masses", procedure="two")
    assert "同一职位只能用一种推荐方式" in _refused(lambda: _open(chair, "mass_trust"))
    assert "还没有登记计票结果" in _refused(
        lambda: _open(chair, "township_recommendation", procedure="two")
    )
    assert "不要多填或漏填" in _refused(
        lambda: svc.tally_record(
            rnd=first,
            ballots=39,
            void_ballots=0,
            places=2,
            votes={apps["李四"].pk: 30},
            acting_user=None,
        )
    )
    assert "多于有效票" in _refused(
        lambda: svc.tally_record(
            rnd=first,
            ballots=10,
            void_ballots=0,
            places=2,
            votes={a.pk: 11 for a in apps.values()},
            acting_user=None,
        )
    )
    svc.tally_record(
        rnd=first,
        ballots=39,
        void_ballots=0,
        places=2,
        votes={apps["李四"].pk: 33, apps["王五"].pk: 28, apps["丁一"].pk: 9, apps["张三"].pk: 4},
        acting_user=None,
    )
    second = _open(chair, "township_recommendation", procedure="two")
    done = svc.tally_record(
        rnd=second,
        ballots=9,
        void_ballots=0,
        places=1,
        votes={apps["李四"].pk: 7, apps["王五"].pk: 2},
        acting_user=None,
    )
    assert [a.person.name for a in done.advancing] == ["李四"]
    assert Application.objects.get(pk=apps["李四"].pk).status == Status.ACCEPTED


def test_SEED_GTZX_1_nonmember_representatives_within_three_tenths(
    built: tuple[World, Recruitment, dict[str, Application]],
) -> None:
    _, chair, apps = built
    assert svc.nonmember_share(chair) == Fraction(3, 10)  # ZJ_2025 has no figure: the default
    assert "非党员代表10人，超过党员30人的3/10（最多9人）" in _refused(
        lambda: _open(chair, "initial_nomination", nonmember_representatives=10)
    )
    assert "实到49人多于应到30人" in _refused(
        lambda: _open(chair, "party_masses", procedure="two", members_present=40, eligible=30)
    )
    first = _open(chair, "party_masses", procedure="two")
    svc.tally_record(
        rnd=first,
        ballots=39,
        void_ballots=0,
        places=1,
        votes={a.pk: v for a, v in zip(apps.values(), (30, 5, 2, 1), strict=True)},
        acting_user=None,
    )
    assert "非党员代表人数应为0" in _refused(
        lambda: _open(
            chair,
            "township_recommendation",
            procedure="two",
            nonmember_representatives=1,
        )
    )
    assert RecommendationRound.objects.count() == 1


def test_SEED_GTZX_1_speech_order_is_drawn_once_and_replays(
    built: tuple[World, Recruitment, dict[str, Application]],
) -> None:
    _, chair, _ = built
    rnd = _open(chair, "initial_nomination")
    drawn = svc.speech_draw(rnd=rnd, seed=20260328, acting_user=None)
    assert drawn.draw_seed == 20260328 and len(drawn.draw_order) == 4
    assert svc.replay_draw(drawn)
    assert "不能重抽" in _refused(lambda: svc.speech_draw(rnd=rnd, seed=1, acting_user=None))
    other = RecommendationRound.objects.get(pk=rnd.pk)
    other.draw_seed, other.draw_order = None, []
    assert not svc.replay_draw(other)
    random = _open(chair, "mass_trust")
    assert svc.speech_draw(rnd=random, seed=None, acting_user=None).draw_seed is not None
    speakers = svc.round_view(drawn).speakers
    assert sorted(a.person.name for a in speakers) == sorted(NAMES)


def test_SEED_3T2S1X_statements_and_questions_recorded_per_meeting(
    built: tuple[World, Recruitment, dict[str, Application]],
) -> None:
    _, chair, apps = built
    rnd = _open(chair, "initial_nomination")
    statement = svc.statement_record(
        rnd=rnd,
        application=apps["李四"],
        kind="campaign",
        summary="发展思路：茶产业；竞职目标：三年集体经济收入翻番。",
        acting_user=None,
    )
    svc.question_record(
        statement=statement,
        asked_by="村民刘某",
        question="茶厂资金从哪里来？",
        answer="争取乡村振兴项目资金。",
        acting_user=None,
    )
    assert "已经登记" in _refused(
        lambda: svc.statement_record(
            rnd=rnd, application=apps["李四"], kind="campaign", summary="再说一次", acting_user=None
        )
    )
    [shown] = svc.round_view(rnd).statements
    assert [q.asked_by for q in shown.questions.all()] == ["村民刘某"]


def test_SEED_3T2S1X_competency_index_per_county_items(
    built: tuple[World, Recruitment, dict[str, Application]],
) -> None:
    world, chair, apps = built
    # the seed's five items by default: 政治强 … 口碑好, 20 each, 10 points
    assert next(i.name for i in svc.competency_items(world.village)) == "政治强"
    county = svc.county_of(world.village)
    assert county is not None and county.level == Level.COUNTY
    CompetencyItem.objects.create(county=county, name="政治素质", weight=30, full_mark=10)
    CompetencyItem.objects.create(
        county=county, name="带富能力", weight=40, full_mark=10, position=1
    )
    CompetencyItem.objects.create(
        county=county, name="群众口碑", weight=30, full_mark=5, position=2
    )
    on = date(2026, 3, 26)
    for household, scores in (
        ("一组 陈某", {"政治素质": 9, "带富能力": 8, "群众口碑": 5}),
        ("二组 林某", {"政治素质": 7, "带富能力": 6, "群众口碑": 3}),
    ):
        svc.assessment_record(
            application=apps["李四"],
            household=household,
            assessed_on=on,
            scores=scores,
            acting_user=None,
        )
    assert "不在0至5分之间" in _refused(
        lambda: svc.assessment_record(
            application=apps["王五"],
            household="三组 吴某",
            assessed_on=on,
            scores={"政治素质": 9, "带富能力": 8, "群众口碑": 6},
            acting_user=None,
        )
    )
    assert "每户只测评一次" in _refused(
        lambda: svc.assessment_record(
            application=apps["李四"],
            household="一组 陈某",
            assessed_on=on,
            scores={"政治素质": 9, "带富能力": 8, "群众口碑": 5},
            acting_user=None,
        )
    )
    rows = svc.competency_rows(chair)
    assert rows[0].application.person.name == "李四"
    assert rows[0].summary.index == 76  # 30×8/10 + 40×7/10 + 30×4/5
    assert rows[1].summary.assessments == 0
