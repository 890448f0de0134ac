"""One village ahead runs 三推 on its 主任 post (seed 000): the initial nomination (its
applications), the mass-trust recommendation at the members-and-masses meeting with the speech
order drawn by lot, each applicant's 竞职陈述 and a question, the township committee's
competitive vote — whose two formal candidates are the two the committee accepted — and the
household representatives' 胜任指数 sheets. Written through the services."""

from __future__ import annotations

import random
from datetime import date

from huanjie.nominations import recommendation as svc
from huanjie.nominations.models import RecommendationRound, Recruitment, Status
from huanjie.regions.models import Region

GOALS = (
    "发展思路：做强高山茶产业；竞职目标：三年内村集体经营性收入翻一番；保证措施：成立强村公司，账目每月公开。",
    "发展思路：盘活闲置农房发展民宿；竞职目标：两年内建成游客服务中心；保证措施：项目全程接受村务监督委员会监督。",
    "发展思路：整治村庄环境；竞职目标：一年内完成污水管网全覆盖；保证措施：定期向村民代表会议报告进度。",
)
QUESTIONS = (
    (
        "村民代表 陈某",
        "茶厂的启动资金从哪里来？",
        "争取乡村振兴项目资金，村集体入股，不向村民摊派。",
    ),
    ("党员 林某", "民宿占用的农房怎么补偿？", "按评估价租用，租金每年公开，农户自愿参加。"),
    ("村民代表 吴某", "管网施工会不会影响春耕？", "避开农忙，分组施工，每段不超过十天。"),
)
HOUSEHOLDS = ("一组", "二组", "三组", "四组", "五组", "六组")


def seed_recommendation(village: Region, *, seed: int, today: date) -> None:
    """Only the first village with a 主任 招贤榜 of three applicants, and only once."""
    if RecommendationRound.objects.exists():
        return
    chair = Recruitment.objects.filter(election__plan__village=village, post="chair").first()
    if chair is None:
        return
    apps = sorted(
        chair.applications.select_related("person"),
        key=lambda a: (a.status != Status.ACCEPTED, a.pk),
    )
    if len(apps) != 3:
        return
    rng = random.Random(f"huanjie-demo:{seed}:{village.code}:recommendation")
    common = {"held_on": today, "acting_user": None, "recruitment": chair, "procedure": "three"}
    svc.round_open(
        kind="initial_nomination",
        place="村委会会议室",
        meeting="初始提名推荐汇总会",
        eligible=9,
        members_present=7,
        nonmember_representatives=0,
        **common,  # type: ignore[arg-type]
    )
    trust = svc.round_open(
        kind="mass_trust",
        place="村文化礼堂",
        meeting="党员群众推荐测评大会",
        eligible=52,
        members_present=34,
        nonmember_representatives=10,
        **common,  # type: ignore[arg-type]
    )
    svc.speech_draw(rnd=trust, seed=rng.randrange(10**6, 10**7), acting_user=None)
    for app, goals, (asker, question, answer) in zip(apps, GOALS, QUESTIONS, strict=True):
        statement = svc.statement_record(
            rnd=trust, application=app, kind="campaign", summary=goals, acting_user=None
        )
        svc.question_record(
            statement=statement, asked_by=asker, question=question, answer=answer, acting_user=None
        )
    svc.tally_record(
        rnd=trust,
        ballots=44,
        void_ballots=1,
        places=3,
        votes={apps[0].pk: 38, apps[1].pk: 31, apps[2].pk: 24},
        acting_user=None,
    )
    vote = svc.round_open(
        kind="township_vote",
        place="乡政府三楼会议室",
        meeting="乡镇党委会议",
        eligible=9,
        members_present=8,
        nonmember_representatives=0,
        **common,  # type: ignore[arg-type]
    )
    svc.tally_record(
        rnd=vote,
        ballots=8,
        void_ballots=0,
        places=2,
        votes={apps[0].pk: 8, apps[1].pk: 6, apps[2].pk: 2},
        acting_user=None,
    )
    # 两述之二: the two formal candidates speak again at the members' meeting.
    meeting = svc.round_open(
        kind="members_meeting",
        place="村文化礼堂",
        meeting="党员大会",
        eligible=36,
        members_present=33,
        nonmember_representatives=0,
        **common,  # type: ignore[arg-type]
    )
    for app, goals in zip(apps[:2], GOALS[:2], strict=True):
        svc.statement_record(
            rnd=meeting, application=app, kind="campaign", summary=goals, acting_user=None
        )
    items = svc.competency_items(village)
    for app in apps:
        for group in HOUSEHOLDS:
            svc.assessment_record(
                application=app,
                household=f"{group}户代表",
                assessed_on=today,
                scores={i.key: rng.randint(i.full_mark // 2, i.full_mark) for i in items},
                acting_user=None,
            )
