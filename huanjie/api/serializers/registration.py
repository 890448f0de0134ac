"""The voter register as the API gives it, and the bodies of the committee's changes.

ID numbers as the web shows them to the same reader (masked for roles without the need); a
village the reader may not open is never named (a double registration says how far away it is
and whom to ask, as the page does).
"""

from __future__ import annotations

from rest_framework import serializers

from huanjie.api.serializers.common import RegionRefSerializer
from huanjie.api.serializers.editing import Choice, Flag, Id, Text
from huanjie.people.models import Sex
from huanjie.registration.models import (
    Basis,
    Category,
    LeftOffKind,
    ListStatus,
    Meeting,
    ObjectionKind,
    ObjectionStatus,
    WishMeans,
)


class CountSerializer(serializers.Serializer[object]):
    key = serializers.CharField(help_text="代码")
    name = serializers.CharField(help_text="中文名")
    count = serializers.IntegerField(help_text="人数")


REGISTER_STATES = [("none", "未生成"), *ListStatus.choices]


class VoterRegisterSerializer(serializers.Serializer[object]):
    id = serializers.IntegerField(allow_null=True, help_text="选民名单编号；尚未建立时为 null")
    village = RegionRefSerializer()
    election_day = serializers.DateField(allow_null=True, help_text="村民委员会选举的选举日")
    status = serializers.ChoiceField(
        choices=REGISTER_STATES, help_text="none 未生成 / draft 草稿（未公布） / published 已公布"
    )
    status_label = serializers.CharField()
    built_on = serializers.DateField(allow_null=True, help_text="生成日期")
    built_for_day = serializers.DateField(
        allow_null=True, help_text="生成时按哪个选举日计算年龄和年限；与选举日不同时须重新生成"
    )
    last_publication_day = serializers.DateField(
        allow_null=True, help_text="最晚公布日期：选举日前 reg.list_days_before 日（VC-REG-5）"
    )
    published_on = serializers.DateField(allow_null=True, help_text="公布日期")
    objection_deadline = serializers.DateField(
        allow_null=True, help_text="异议截止日（VC-REG-6，按节假日表顺延）"
    )
    deadline_warning = serializers.CharField(help_text="节假日表未录入时的提示，或空")
    voters = serializers.IntegerField(help_text="列入名单的选民数")
    women = serializers.IntegerField(help_text="其中女性")
    categories = CountSerializer(many=True, help_text="按登记类别（VC-REG-2）")
    left_off = CountSerializer(many=True, help_text="未列入人员按情形")
    open_conflicts = serializers.IntegerField(
        help_text="待协调的重复登记（VC-REG-3），有则不能公布"
    )
    open_objections = serializers.IntegerField(help_text="待处理的异议")
    unpublished_decisions = serializers.IntegerField(help_text="已决定、待公布的异议")
    cards = serializers.IntegerField(help_text="有效选民证张数")


class VoterSerializer(serializers.Serializer[object]):
    id = serializers.IntegerField()
    person = serializers.IntegerField(help_text="人员编号")
    name = serializers.CharField(help_text="名单上的姓名")
    sex = serializers.ChoiceField(choices=Sex.choices)
    villager_group = serializers.CharField(help_text="村民小组（无则为空）")
    household_number = serializers.CharField(help_text="户号（无户的为空）")
    id_number = serializers.CharField(help_text="身份证号，按您的权限显示")
    category = serializers.ChoiceField(choices=Category.choices)
    category_label = serializers.CharField()
    added_by_objection = serializers.IntegerField(
        allow_null=True, help_text="经异议处理增加的，异议编号"
    )


class LeftOffSerializer(serializers.Serializer[object]):
    person = serializers.IntegerField(help_text="人员编号")
    name = serializers.CharField()
    id_number = serializers.CharField(help_text="身份证号，按您的权限显示")
    kind = serializers.ChoiceField(choices=LeftOffKind.choices)
    kind_label = serializers.CharField()
    rule_ids = serializers.ListField(child=serializers.CharField(), help_text="依据的规则")
    reasons = serializers.ListField(child=serializers.CharField(), help_text="原因")


class ConflictSerializer(serializers.Serializer[object]):
    id = serializers.IntegerField()
    person = serializers.IntegerField(help_text="人员编号")
    name = serializers.CharField()
    this_village_claims = serializers.BooleanField(
        help_text="true：本村应列入此人而对方已列入；false：此人在本村名单上，对方也应列入"
    )
    other_village = serializers.CharField(
        help_text="另一个村：您能打开的写村名，否则只说在哪一级范围内"
    )
    other_village_id = serializers.IntegerField(
        allow_null=True, help_text="另一个村的编号；不在您管辖范围内时为 null"
    )
    contact = serializers.CharField(help_text="协调请联系谁")
    other_lists = serializers.BooleanField(help_text="对方名单上是否仍有此人")
    resolved = serializers.BooleanField()
    kept_here = serializers.BooleanField(allow_null=True, help_text="已确定时：是否在本村登记")
    note = serializers.CharField(help_text="协调情况")


class ObjectionSerializer(serializers.Serializer[object]):
    id = serializers.IntegerField()
    received_on = serializers.DateField()
    filed_by = serializers.CharField()
    kind = serializers.ChoiceField(choices=ObjectionKind.choices)
    kind_label = serializers.CharField()
    person = serializers.IntegerField(help_text="涉及人员的编号")
    name = serializers.CharField(help_text="涉及人员的姓名")
    claim = serializers.CharField()
    status = serializers.ChoiceField(choices=ObjectionStatus.choices)
    status_label = serializers.CharField()
    decision_due = serializers.DateField(
        allow_null=True, help_text="待处理的：最晚决定日期（收到之日起3日内，且在选举日前）"
    )
    period_closed_on = serializers.DateField(
        allow_null=True, help_text="逾期不予受理的：异议期届满日"
    )
    refusal = serializers.CharField(help_text="逾期不予受理的：依据的规则和说明，或空")
    decided_on = serializers.DateField(allow_null=True)
    reasons = serializers.CharField(help_text="决定的理由")
    notice = serializers.IntegerField(allow_null=True, help_text="公布于第几号补充公告")


class NoticeSerializer(serializers.Serializer[object]):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    published_on = serializers.DateField()
    objections = serializers.ListField(child=serializers.IntegerField())


class CardSerializer(serializers.Serializer[object]):
    id = serializers.IntegerField()
    number = serializers.IntegerField(help_text="选民证编号（本村名单内唯一）")
    voter = serializers.IntegerField(help_text="选民编号")
    name = serializers.CharField()
    voided = serializers.BooleanField()
    void_reason = serializers.CharField()
    replaces = serializers.IntegerField(allow_null=True, help_text="补发的：原选民证编号")


class ChangeClassSerializer(serializers.Serializer[object]):
    key = serializers.CharField()
    name = serializers.CharField(help_text="类别的中文名")
    count = serializers.IntegerField()
    subs = serializers.DictField(child=serializers.IntegerField(), help_text="其中各小项")


class ChangesSerializer(serializers.Serializer[object]):
    previous_source = serializers.ChoiceField(
        choices=["system", "import"], help_text="上届名单来自本系统或导入的名单"
    )
    previous_list = serializers.CharField(help_text="上届名单的说明")
    previous_day = serializers.DateField(help_text="上届选举日")
    old_total = serializers.IntegerField()
    increase_total = serializers.IntegerField()
    decrease_total = serializers.IntegerField()
    new_total = serializers.IntegerField()
    balanced = serializers.BooleanField(help_text="上届 + 四增 − 四减 = 本届")
    increases = ChangeClassSerializer(many=True)
    decreases = ChangeClassSerializer(many=True)


class VillageStatusSerializer(serializers.Serializer[object]):
    village = RegionRefSerializer()
    state = serializers.CharField(help_text="未安排选举 / 选举日未定 / 未生成 / 草稿 / 已公布")
    election_day = serializers.DateField(allow_null=True)
    last_publication_day = serializers.DateField(allow_null=True)
    published_on = serializers.DateField(allow_null=True)
    objection_deadline = serializers.DateField(allow_null=True)
    voters = serializers.IntegerField()
    open_conflicts = serializers.IntegerField()
    open_objections = serializers.IntegerField()


# --- bodies: JSON of the right types only (api.serializers.editing); what is right for the
# register is the services' to say, in the web's words.


class PublishInput(serializers.Serializer[object]):
    published_on = serializers.DateField(
        help_text="张贴公布的日期（不晚于今天，不晚于最晚公布日期）"
    )


class WishInput(serializers.Serializer[object]):
    id_number = Text(help_text="外出人员的身份证号（18位）")
    expressed_on = serializers.DateField(help_text="表示参加选举的日期")
    means = Choice(choices=WishMeans.choices, help_text="表示方式")
    note = Text(required=False, help_text="说明，最多200字")


class ApplicationInput(serializers.Serializer[object]):
    id_number = Text(help_text="申请人的身份证号（18位）")
    name = Text(required=False, help_text="姓名：本系统中没有此人时必填")
    basis = Choice(choices=Basis.choices, required=False, help_text="依据，默认 resident")
    since = serializers.DateField(help_text="开始居住（或从事村务工作）的日期")
    applied_on = serializers.DateField(help_text="申请日期")
    approved_on = serializers.DateField(
        required=False, allow_null=True, help_text="村民会议或村民代表会议同意的日期"
    )
    meeting = Choice(
        choices=Meeting.choices, required=False, allow_blank=True, help_text="同意的会议"
    )
    villager_group = Id(required=False, allow_null=True, help_text="居住的村民小组编号")
    note = Text(required=False, help_text="说明，最多200字")


class ResolveInput(serializers.Serializer[object]):
    keep_village = Id(help_text="在哪个村登记：重复登记涉及的两个村之一的编号")
    note = Text(required=False, help_text="协调情况，最多200字")


class ObjectionInput(serializers.Serializer[object]):
    received_on = serializers.DateField(help_text="收到异议的日期")
    filed_by = Text(help_text="提出人")
    kind = Choice(choices=ObjectionKind.choices, help_text="异议事项")
    id_number = Text(help_text="涉及人员的身份证号（18位）")
    claim = Text(help_text="异议内容")
    new_name = Text(required=False, help_text="更正后的姓名（更正信息时）")
    new_sex = Choice(
        choices=Sex.choices, required=False, allow_blank=True, help_text="更正后的性别"
    )
    new_group = Id(required=False, allow_null=True, help_text="更正后的村民小组编号")


class DecideInput(serializers.Serializer[object]):
    upheld = Flag(help_text="true 异议成立（更正名单） / false 不成立（维持原登记）")
    reasons = Text(help_text="决定的理由（将公布）")
    decided_on = serializers.DateField(help_text="决定日期")


class NoticeInput(serializers.Serializer[object]):
    published_on = serializers.DateField(help_text="补充公告张贴公布的日期")


class ReissueInput(serializers.Serializer[object]):
    reason = Text(help_text="补发原因（如：遗失）")
