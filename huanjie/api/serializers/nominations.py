"""What the nominations endpoint answers: each post's 招贤榜, applications and candidates."""

from __future__ import annotations

from rest_framework import serializers

from huanjie.api.serializers.committees import PersonRefSerializer
from huanjie.nominations.models import Kind, Status


class ApplicationSerializer(serializers.Serializer[object]):
    id = serializers.IntegerField(help_text="报名编号")
    person = PersonRefSerializer()
    kind = serializers.ChoiceField(choices=Kind.choices, help_text="报名方式")
    signatures = serializers.IntegerField(allow_null=True, help_text="联名人数（联名推荐时）")
    nominated_by = serializers.CharField(allow_blank=True, help_text="推荐组织（组织推荐时）")
    filed_on = serializers.DateField(help_text="报名日期")
    status = serializers.ChoiceField(choices=Status.choices, help_text="状态")
    accepted_on = serializers.DateField(allow_null=True, help_text="确定为候选人的日期")
    withdrawn_on = serializers.DateField(allow_null=True, help_text="退出日期")


class PostNominationsSerializer(serializers.Serializer[object]):
    post = serializers.CharField(help_text="职位代码，如 chair")
    post_name = serializers.CharField(help_text="职位，如 主任")
    seats = serializers.IntegerField(help_text="应选人数")
    recruitment = serializers.IntegerField(allow_null=True, help_text="招贤榜编号；未发布为 null")
    requirements = serializers.CharField(allow_blank=True, help_text="任职条件（五有+X）")
    published_on = serializers.DateField(allow_null=True, help_text="招贤榜发布日期")
    list_published_on = serializers.DateField(allow_null=True, help_text="候选人名单公布日期")
    applications = ApplicationSerializer(many=True, help_text="按报名先后")
    candidates = PersonRefSerializer(many=True, help_text="候选人，按姓氏笔画")


class NominationsSerializer(serializers.Serializer[object]):
    village = serializers.IntegerField(help_text="村编号")
    election = serializers.IntegerField(allow_null=True, help_text="本届村民委员会选举的编号")
    election_day = serializers.DateField(allow_null=True)
    self_registration_deadline = serializers.DateField(
        allow_null=True, help_text="自荐报名最晚日期（PROV-ZJ-SELF-2）；规则无自荐为 null"
    )
    candidate_list_deadline = serializers.DateField(
        allow_null=True, help_text="候选人名单最晚公布日期（VC-NOM-6）"
    )
    withdrawal_deadline = serializers.DateField(
        allow_null=True, help_text="候选人退出最晚日期（VC-NOM-7）；规则未规定为 null"
    )
    posts = PostNominationsSerializer(many=True)
