"""The recommendation rounds through the pages, the CLI and the API: 三推 on 东坑村's 主任 post
from the meeting to formal candidates, the speech order printable with its seed, 两述, the
胜任指数; refusals in plain Chinese that change nothing (SEED-3T2S1X, PB-NOM-1, SEED-GTZX-1)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from rest_framework.test import APIClient

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.audit.models import AuditEntry
from huanjie.committees.tests.world import World
from huanjie.documents.speech_order import speech_order_context
from huanjie.elections.tests.party_world import build_party_world, member, villager
from huanjie.nominations.models import (
    Application,
    CompetencyAssessment,
    CompetencyItem,
    RecommendationRound,
    Recruitment,
    Statement,
    Status,
)
from huanjie.nominations.recommendation import (
    competency_items,
    county_of,
    round_open,
    speech_draw,
)
from huanjie.nominations.services import application_file, recruitment_publish
from huanjie.nominations.tests.world import REQUIREMENTS, both_bodies_world, nomination_world
from huanjie.people.models import Person

pytestmark = pytest.mark.django_db

NAMES = ("李四", "王五", "丁一")


@pytest.fixture
def built(tree: RegionTree) -> tuple[World, Recruitment, dict[str, Application]]:
    world, chair = nomination_world(tree)
    apps = {
        name: application_file(
            recruitment=chair,
            person=world[name],
            kind="self",
            filed_on=date(2026, 3, 25),
            acting_user=None,
        )
        for name in NAMES
    }
    return world, chair, apps


def _client(tree: RegionTree, role: Role) -> Client:
    c = Client()
    c.force_login(make_user(tree, role))
    return c


def _meeting(chair: Recruitment, kind: str, **over: object) -> dict[str, object]:
    township = kind.startswith("township")
    data: dict[str, object] = {
        "post": str(chair.pk),
        "procedure": "three",
        "kind": kind,
        "held_on": "2026-03-28",
        "place": "乡政府" if township else "村文化礼堂",
        "meeting": "乡镇党委会议" if township else "党员群众大会",
        "eligible": 9 if township else 50,
        "members_present": 9 if township else 30,
        "nonmember_representatives": 0 if township else 9,
    }
    data.update(over)
    return data


def test_SEED_3T2S1X_pages_take_a_post_from_meetings_to_formal_candidates(
    built: tuple[World, Recruitment, dict[str, Application]],
) -> None:
    world, chair, apps = built
    c = _client(world.tree, Role.ELECTION_COMMITTEE)
    base = f"/nominations/villages/{world.village.pk}/recommendation/"
    page = c.get(base)
    assert page.status_code == 200 and "胜任指数" in page.content.decode()
    refused = c.post(
        base + "rounds/", _meeting(chair, "initial_nomination", nonmember_representatives=10)
    )
    assert refused.status_code == 400
    assert "非党员代表10人，超过党员30人的3/10（最多9人）" in refused.content.decode()
    assert not RecommendationRound.objects.exists()
    assert c.post(base + "rounds/", _meeting(chair, "initial_nomination")).status_code == 302
    response = c.post(base + "rounds/", _meeting(chair, "mass_trust"))
    trust = RecommendationRound.objects.get(kind="mass_trust")
    assert response["Location"] == f"{base}rounds/{trust.pk}/"
    url = f"{base}rounds/{trust.pk}/"
    assert c.post(url + "draw/", {"seed": "4242"}).status_code == 302
    order = c.get(url + "order/").content.decode()
    assert "抽签种子：4242" in order and "已核对一致" in order
    notice = f"/documents/villages/{world.village.pk}/speech-order/"
    assert notice in order
    printed = c.get(notice).content.decode()
    assert "关于推荐会议人选发言顺序的公告" in printed and "种子4242" in printed
    pdf = c.get(f"/documents/villages/{world.village.pk}/speech-order.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert (
        c.post(
            url + "statements/",
            {"application": str(apps["李四"].pk), "kind": "campaign", "summary": "做强茶产业"},
        ).status_code
        == 302
    )
    statement = Statement.objects.get()
    assert (
        c.post(
            f"{url}statements/{statement.pk}/questions/",
            {f"q{statement.pk}-asked_by": "村民刘某", f"q{statement.pk}-question": "资金从哪来？"},
        ).status_code
        == 302
    )
    wrong = c.post(
        url + "tally/",
        {"ballots": "39", "void_ballots": "40", "places": "2"}
        | {f"votes_{a.pk}": "10" for a in apps.values()},
    )
    assert wrong.status_code == 400 and "无效票40张多于收回的39张" in wrong.content.decode()
    votes = {apps["李四"].pk: 30, apps["王五"].pk: 25, apps["丁一"].pk: 10}
    done = c.post(
        url + "tally/",
        {"ballots": "39", "void_ballots": "0", "places": "2"}
        | {f"votes_{k}": str(v) for k, v in votes.items()},
    )
    assert done.status_code == 302
    shown = c.get(url).content.decode()
    assert "初步人选" in shown and "76.9%" in shown and "资金从哪来？" in shown
    c.post(base + "rounds/", _meeting(chair, "township_vote", held_on="2026-03-30"))
    vote = RecommendationRound.objects.get(kind="township_vote")
    c.post(
        f"{base}rounds/{vote.pk}/tally/",
        {"ballots": "9", "void_ballots": "0", "places": "1"}
        | {f"votes_{apps['李四'].pk}": "7", f"votes_{apps['王五'].pk}": "2"},
    )
    assert Application.objects.get(pk=apps["李四"].pk).status == Status.ACCEPTED
    assert "正式候选人：李四" in c.get(base).content.decode()


def _drawn_round(
    recruitment: Recruitment, names: list[str], people: Mapping[str, Person], seed: int
) -> RecommendationRound:
    for name in names:
        application_file(
            recruitment=recruitment,
            person=people[name],
            kind="self",
            filed_on=date(2026, 3, 25),
            acting_user=None,
        )
    rnd = round_open(
        recruitment=recruitment,
        procedure="two",
        kind="party_masses",
        held_on=date(2026, 3, 28),
        place="村文化礼堂",
        meeting="党员群众推荐大会",
        eligible=50,
        members_present=30,
        nonmember_representatives=9,
        acting_user=None,
    )
    return speech_draw(rnd=rnd, seed=seed, acting_user=None)


def test_SEED_GTZX_1_speech_order_notice_is_issued_per_side_by_the_body_holding_the_meetings(
    tree: RegionTree,
) -> None:
    """东坑村 draws the order at a meeting for the party branch's 书记 and one for the villagers'
    committee's 主任: each side gets its own notice, the party's issued by the branch (PRAC-2T1X-2,
    seed 001: the village party organization holds the 两推), the committee's by the election
    committee; each round's page links its own side's notice."""
    world = both_bodies_world(tree)
    for name in ("钱一", "孙二"):
        member(world, name)
    for name in ("李四", "王五"):
        villager(world, name)
    posts = {
        body: recruitment_publish(
            village=world.village,
            post=post,
            requirements=REQUIREMENTS,
            on=date(2026, 3, 20),
            acting_user=None,
            body=body,
        )
        for body, post in (("party_organization", "secretary"), ("villagers_committee", "chair"))
    }
    party = _drawn_round(posts["party_organization"], ["钱一", "孙二"], world.people, 1111)
    vc = _drawn_round(posts["villagers_committee"], ["李四", "王五"], world.people, 2222)

    on_party = speech_order_context(world.village, "party_organization")
    assert on_party["issuer"] == "东坑村党支部"
    assert on_party["title"] == "关于村党组织换届推荐会议人选发言顺序的公告"
    assert [line.role for line in on_party["composition"]] == [
        "书记·党员和群众推荐（2026年3月28日，村文化礼堂，种子1111）"
    ]
    on_vc = speech_order_context(world.village)
    assert on_vc["issuer"] == "东坑村村民选举委员会"
    assert on_vc["title"] == "关于推荐会议人选发言顺序的公告"
    assert [line.role for line in on_vc["composition"]] == [
        "主任·党员和群众推荐（2026年3月28日，村文化礼堂，种子2222）"
    ]

    c = _client(world.tree, Role.ELECTION_COMMITTEE)
    base = f"/nominations/villages/{world.village.pk}/recommendation/rounds/"
    docs = f"/documents/villages/{world.village.pk}/"
    for rnd, name, issuer, seed, other in (
        (party, "party-speech-order", "东坑村党支部", "种子1111", "种子2222"),
        (vc, "speech-order", "东坑村村民选举委员会", "种子2222", "种子1111"),
    ):
        for page in ("", "order/"):
            shown = c.get(f"{base}{rnd.pk}/{page}").content.decode()
            assert f'{docs}{name}/"' in shown
        printed = c.get(f"{docs}{name}/").content.decode()
        assert printed.count(issuer) == 2  # the red header and the signature
        assert seed in printed and other not in printed
        pdf = c.get(f"{docs}{name}.pdf")
        assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_SEED_GTZX_1_party_speech_order_notice_with_nothing_drawn_says_so(
    tree: RegionTree,
) -> None:
    world = build_party_world(tree)
    context = speech_order_context(world.village, "party_organization")
    assert context["issuer"] == "东坑村党支部" and not context["composition"]
    assert context["empty"] == (
        "东坑村还没有哪一轮村党组织换届推荐会议抽签确定发言顺序，没有可以公告的内容。"
    )


def test_SEED_GTZX_1_party_speech_order_notice_without_a_party_election_names_the_village(
    built: tuple[World, Recruitment, dict[str, Application]],
) -> None:
    world, _, _ = built
    context = speech_order_context(world.village, "party_organization")
    assert context["issuer"] == "东坑村党组织" and context["empty"]


def test_SEED_3T2S1X_assessments_on_the_page_and_readers_only_read(
    built: tuple[World, Recruitment, dict[str, Application]],
) -> None:
    world, chair, apps = built
    base = f"/nominations/villages/{world.village.pk}/recommendation/"
    reader = _client(world.tree, Role.VILLAGE_PARTY)
    assert reader.get(base).status_code == 200
    sheet = {
        f"a{chair.pk}-application": str(apps["王五"].pk),
        f"a{chair.pk}-household": "一组 陈某",
        f"a{chair.pk}-assessed_on": "2026-03-26",
    } | {f"a{chair.pk}-item_{n}": "8" for n in range(5)}
    assert reader.post(base + f"posts/{chair.pk}/assess/", sheet).status_code == 403
    c = _client(world.tree, Role.TOWNSHIP_OFFICER)
    over = sheet | {f"a{chair.pk}-item_0": "11"}
    refused = c.post(base + f"posts/{chair.pk}/assess/", over)
    assert refused.status_code == 400 and "不在0至10分之间" in refused.content.decode()
    assert c.post(base + f"posts/{chair.pk}/assess/", sheet).status_code == 302
    assert CompetencyAssessment.objects.get().scores["政治强"] == 8
    assert "80.0" in c.get(base).content.decode()


def _run(*argv: str) -> str:
    out = StringIO()
    call_command(*argv, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_PB_NOM_1_cli_meeting_tally_draw_statement_and_assessment(
    built: tuple[World, Recruitment, dict[str, Application]],
) -> None:
    world, _, _ = built
    code = world.village.code
    by = make_user(world.tree, Role.ELECTION_COMMITTEE).username
    meeting = ["--on", "2026-03-28", "--place", "礼堂", "--meeting", "推荐大会", "--by", by]
    with pytest.raises(CommandError, match="最多9人"):
        _run("recommendation_round", code, "--post", "主任", "--procedure", "两推",
             "--round", "党员和群众推荐", "--eligible", "50", "--members", "30",
             "--nonmembers", "10", *meeting)  # fmt: skip
    said = _run("recommendation_round", code, "--post", "主任", "--procedure", "两推",
                "--round", "党员和群众推荐", "--eligible", "50", "--members", "30",
                "--nonmembers", "9", *meeting)  # fmt: skip
    assert "已登记党员和群众推荐会议" in said
    round_args = ["--post", "主任", "--round", "党员和群众推荐", "--by", by]
    assert "抽签种子 77" in _run("recommendation_draw", code, *round_args, "--seed", "77")
    said = _run("recommendation_statement", code, *round_args, "--person", "李四",
                "--kind", "竞职陈述", "--summary", "修路", "--question", "村民甲|何时开工|明年春")  # fmt: skip
    assert "已登记李四的竞职陈述和1条提问" in said
    with pytest.raises(CommandError, match="“赵六”不是本轮人选"):
        _run("recommendation_tally", code, *round_args, "--ballots", "39", "--places", "2",
             "--votes", "赵六=3")  # fmt: skip
    said = _run("recommendation_tally", code, *round_args, "--ballots", "39", "--places", "2",
                "--votes", "李四=33", "王五=28", "丁一=9")  # fmt: skip
    assert "初步人选：李四、王五" in said
    said = _run("competency_assess", world["丁一"].id_number, "--post", "主任",
                "--household", "二组 林某", "--on", "2026-03-26", "--by", by,
                "--score", "政治强=10", "敢担当=10", "能带富=10", "善治理=10", "口碑好=5")  # fmt: skip
    assert "胜任指数 90.0（1份）" in said
    listing = _run("recommendation_list", code)
    assert "发言顺序（种子77）" in listing and "李四 33票 84.6% 初步人选" in listing


def test_SEED_GTZX_1_api_rounds_tally_draw_statements_and_assessment(
    built: tuple[World, Recruitment, dict[str, Application]],
) -> None:
    world, chair, apps = built
    api = APIClient()
    api.force_authenticate(make_user(world.tree, Role.ELECTION_COMMITTEE))
    base = f"/api/v1/villages/{world.village.pk}/recommendation/"
    body = _meeting(chair, "initial_nomination")
    body["recruitment"] = int(str(body.pop("post")))
    too_many = api.post(base + "rounds/", body | {"nonmember_representatives": 10}, format="json")
    assert too_many.status_code == 400 and "最多9人" in too_many.json()["message"]
    assert api.post(base + "rounds/", body, format="json").status_code == 201
    opened = api.post(base + "rounds/", body | {"kind": "mass_trust"}, format="json")
    assert opened.status_code == 201
    rid = opened.json()["id"]
    again = api.post(base + "rounds/", body | {"kind": "mass_trust"}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "untallied"
    drawn = api.post(f"/api/v1/recommendation-rounds/{rid}/draw/", {"seed": 9}, format="json")
    assert drawn.json()["draw_seed"] == 9 and drawn.json()["draw_replays"] is True
    redraw = api.post(f"/api/v1/recommendation-rounds/{rid}/draw/", {"seed": 1}, format="json")
    assert redraw.status_code == 409 and redraw.json()["code"] == "drawn"
    stated = api.post(
        f"/api/v1/recommendation-rounds/{rid}/statements/",
        {
            "application": apps["王五"].pk,
            "kind": "report",
            "summary": "任期内修通了机耕路",
            "questions": [{"asked_by": "党员甲", "question": "还有哪些路没修？"}],
        },
        format="json",
    )
    assert stated.status_code == 201
    assert stated.json()["statements"][0]["questions"][0]["asked_by"] == "党员甲"
    votes = [
        {"application": a.pk, "votes": v} for a, v in zip(apps.values(), (30, 25, 10), strict=True)
    ]
    tally = {"ballots": 39, "void_ballots": 0, "places": 2, "votes": votes}
    counted = api.post(f"/api/v1/recommendation-rounds/{rid}/tally/", tally, format="json")
    assert counted.status_code == 200
    assert [s["advances"] for s in counted.json()["standings"]] == [True, True, False]
    twice = api.post(f"/api/v1/recommendation-rounds/{rid}/tally/", tally, format="json")
    assert twice.status_code == 409 and twice.json()["code"] == "tallied"
    scores = {"政治强": 9, "敢担当": 9, "能带富": 9, "善治理": 9, "口碑好": 9}
    assessed = api.post(
        f"/api/v1/applications/{apps['李四'].pk}/competency/",
        {"household": "三组 吴某", "assessed_on": "2026-03-26", "scores": scores},
        format="json",
    )
    assert assessed.status_code == 201 and assessed.json()["index"] == "90.0"
    read = api.get(base).json()
    assert read["nonmember_share"] == "3/10"
    assert [r["kind"] for r in read["posts"][0]["rounds"]] == ["initial_nomination", "mass_trust"]
    assert world["李四"].id_number not in str(read)
    reader = APIClient()
    reader.force_authenticate(make_user(world.tree, Role.VILLAGE_PARTY))
    assert (
        reader.post(f"/api/v1/recommendation-rounds/{rid}/draw/", {}, format="json").status_code
        == 403
    )
    assert reader.get(f"/api/v1/recommendation-rounds/{rid}/").status_code == 200


def test_SEED_3T2S1X_competency_items_are_set_per_county_in_the_admin(
    built: tuple[World, Recruitment, dict[str, Application]],
) -> None:
    world, _, _ = built
    admin = make_user(world.tree, Role.ADMINISTRATOR)
    admin.is_superuser = True
    admin.save()
    c = Client()
    c.force_login(admin)
    county = county_of(world.village)
    assert county is not None
    url = "/admin/nominations/competencyitem/"
    form = c.get(url + "add/").content.decode()
    assert "测评项目" in form and "权重" in form
    added = c.post(
        url + "add/",
        {
            "county": str(county.pk),
            "name": "带富能力",
            "weight": "60",
            "full_mark": "10",
            "position": "0",
        },
    )
    assert added.status_code == 302
    item = CompetencyItem.objects.get()
    assert [i.name for i in competency_items(world.village)] == ["带富能力"]
    assert AuditEntry.objects.filter(action="recommendation.item_save").count() == 1
    township = world.village.parent
    assert township is not None
    refused = c.post(
        url + "add/",
        {
            "county": str(township.pk),
            "name": "口碑",
            "weight": "40",
            "full_mark": "5",
            "position": "1",
        },
    )
    assert refused.status_code == 200 and CompetencyItem.objects.count() == 1
    c.post(f"{url}{item.pk}/delete/", {"post": "yes"})
    assert not CompetencyItem.objects.exists()
    assert AuditEntry.objects.filter(action="recommendation.item_delete").count() == 1
    assert competency_items(world.village)[0].name == "政治强"  # back to the seed's five
