"""What the recommendation endpoints take and answer: the rounds of 两推 / 三推 with their
tally and count, the speech draw, 两述 with questions, and the 胜任指数 per applicant."""

from __future__ import annotations

from rest_framework import serializers

from huanjie.api.serializers.committees import PersonRefSerializer
from huanjie.elections.models import Body
from huanjie.nominations.models import RecommendationProcedure, RoundKind, StatementKind


class RoundFindingSerializer(serializers.Serializer[object]):
    rule_id = serializers.CharField(help_text="规则编号")
    blocking = serializers.BooleanField(help_text="true：不能据此确定人选；false：提示")
    message = serializers.CharField()


class StandingSerializer(serializers.Serializer[object]):
    application = serializers.IntegerField(help_text="报名编号")
    person = PersonRefSerializer()
    votes = serializers.IntegerField(allow_null=True, help_text="得票；未登记计票为 null")
    share = serializers.CharField(allow_blank=True, help_text="占收回票数的百分比，如 86.4%")
    supported = serializers.BooleanField(help_text="得票达到收回票数的一半以上")
    advances = serializers.BooleanField(help_text="入选：初步人选，或乡镇党委一轮的正式候选人")


class QuestionSerializer(serializers.Serializer[object]):
    asked_by = serializers.CharField(max_length=50, help_text="提问人")
    question = serializers.CharField(max_length=1000, help_text="提问")
    answer = serializers.CharField(
        max_length=2000, allow_blank=True, required=False, default="", help_text="回答"
    )


class StatementSerializer(serializers.Serializer[object]):
    id = serializers.IntegerField()
    application = serializers.IntegerField(help_text="报名编号")
    person = PersonRefSerializer()
    kind = serializers.ChoiceField(choices=StatementKind.choices)
    summary = serializers.CharField()
    questions = QuestionSerializer(many=True)


class RoundSerializer(serializers.Serializer[object]):
    id = serializers.IntegerField(help_text="推荐轮次编号")
    recruitment = serializers.IntegerField(help_text="招贤榜编号")
    procedure = serializers.ChoiceField(choices=RecommendationProcedure.choices)
    kind = serializers.ChoiceField(choices=RoundKind.choices)
    held_on = serializers.DateField()
    place = serializers.CharField()
    meeting = serializers.CharField()
    eligible = serializers.IntegerField(help_text="应到人数")
    members_present = serializers.IntegerField(help_text="党员（委员）实到人数")
    nonmember_representatives = serializers.IntegerField(help_text="非党员代表人数")
    ballots = serializers.IntegerField(allow_null=True, help_text="收回票数；未登记为 null")
    void_ballots = serializers.IntegerField(allow_null=True)
    places = serializers.IntegerField(allow_null=True, help_text="本轮产生人数")
    needed = serializers.IntegerField(allow_null=True, help_text="入选至少需要的票数")
    formal = serializers.BooleanField(help_text="true：本轮产生正式候选人")
    standings = StandingSerializer(many=True, help_text="本轮人选，按得票")
    findings = RoundFindingSerializer(many=True)
    draw_seed = serializers.IntegerField(allow_null=True, help_text="抽签种子；未抽签为 null")
    speech_order = PersonRefSerializer(many=True, help_text="发言顺序")
    draw_replays = serializers.BooleanField(help_text="用种子重放与记录一致")
    statements = StatementSerializer(many=True)


class CompetencyItemSerializer(serializers.Serializer[object]):
    name = serializers.CharField()
    weight = serializers.IntegerField()
    full_mark = serializers.IntegerField()


class CompetencyRowSerializer(serializers.Serializer[object]):
    application = serializers.IntegerField(help_text="报名编号")
    person = PersonRefSerializer()
    assessments = serializers.IntegerField(help_text="户代表测评份数")
    item_means = serializers.DictField(
        child=serializers.CharField(), help_text="各项平均分（保留一位小数）"
    )
    index = serializers.CharField(help_text="胜任指数（0–100，保留一位小数）")


class PostRecommendationSerializer(serializers.Serializer[object]):
    recruitment = serializers.IntegerField(help_text="招贤榜编号")
    body = serializers.ChoiceField(choices=Body.choices, help_text="组织：村党组织或村民委员会")
    post = serializers.CharField()
    post_name = serializers.CharField()
    post_label = serializers.CharField(help_text="连同组织名称的职位，如 村党组织委员")
    rounds = RoundSerializer(many=True)
    competency = CompetencyRowSerializer(many=True, help_text="按胜任指数从高到低")


class RecommendationSerializer(serializers.Serializer[object]):
    village = serializers.IntegerField()
    nonmember_share = serializers.CharField(help_text="非党员代表占党员实到人数的上限，如 3/10")
    items = CompetencyItemSerializer(many=True, help_text="本县胜任指数测评项目")
    posts = PostRecommendationSerializer(many=True)


class RoundOpenSerializer(serializers.Serializer[object]):
    recruitment = serializers.IntegerField(help_text="招贤榜编号")
    procedure = serializers.ChoiceField(choices=RecommendationProcedure.choices)
    kind = serializers.ChoiceField(choices=RoundKind.choices)
    held_on = serializers.DateField()
    place = serializers.CharField(max_length=100)
    meeting = serializers.CharField(max_length=100)
    eligible = serializers.IntegerField(min_value=0)
    members_present = serializers.IntegerField(min_value=0)
    nonmember_representatives = serializers.IntegerField(min_value=0, default=0)


class VoteSerializer(serializers.Serializer[object]):
    application = serializers.IntegerField(help_text="报名编号")
    votes = serializers.IntegerField(min_value=0)


class TallySerializer(serializers.Serializer[object]):
    ballots = serializers.IntegerField(min_value=0)
    void_ballots = serializers.IntegerField(min_value=0)
    places = serializers.IntegerField(min_value=1)
    votes = VoteSerializer(many=True, help_text="本轮每位人选的得票，不多不少")


class DrawSerializer(serializers.Serializer[object]):
    seed = serializers.IntegerField(
        min_value=0, required=False, allow_null=True, help_text="留空由系统随机产生"
    )


class StatementCreateSerializer(serializers.Serializer[object]):
    application = serializers.IntegerField(help_text="报名编号")
    kind = serializers.ChoiceField(choices=StatementKind.choices)
    summary = serializers.CharField(max_length=2000)
    questions = QuestionSerializer(many=True, required=False, default=list)


class AssessmentSerializer(serializers.Serializer[object]):
    household = serializers.CharField(max_length=50, help_text="户代表")
    assessed_on = serializers.DateField()
    scores = serializers.DictField(
        child=serializers.IntegerField(min_value=0), help_text="各测评项目名称 → 得分"
    )
