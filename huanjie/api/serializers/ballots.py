"""Voting day through the API: a round's boxes and their sheets, one clerk's entry of a sheet,
the round's result (the contest JSON `huanjie tally` re-counts and its outcome), certification
and reopening. Names as the sheets hold them; never who cast a ballot."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from huanjie.api.serializers.editing import WRONG_TYPE, Text


class Count(serializers.IntegerField):
    """A JSON integer only (not "3", not 3.0, not true); negatives reach the engine, which
    refuses them with its rule, as on the page."""

    def to_internal_value(self, data: Any) -> int:
        if not isinstance(data, int) or isinstance(data, bool):
            raise serializers.ValidationError(WRONG_TYPE.format(kind="整数"))
        return int(data)


class TallyVoteSerializer(serializers.Serializer[Any]):
    post = Text(
        help_text="职位代码：chair、vice_chair、member、women_member；党组织 secretary、"
        "deputy_secretary、member"
    )
    name = Text(help_text="得票人姓名（另选他人照写）")
    votes = Count(help_text="得票数")


class TallyEntryInputSerializer(serializers.Serializer[Any]):
    ballots_issued = Count(help_text="发出选票张数")
    ballots_collected = Count(help_text="收回选票张数")
    invalid_ballots = Count(help_text="无效票张数（含空白票）")
    blank_ballots = Count(help_text="其中空白票张数", required=False, default=0)
    present = Count(
        help_text="党内选举：实到会的有表决权党员人数（全委会：实到会委员人数）；其他选举不填",
        required=False,
        allow_null=True,
        default=None,
    )
    votes = TallyVoteSerializer(many=True, help_text="每人一项；同一职位同一姓名只能一项")


class TallyMismatchSerializer(serializers.Serializer[Any]):
    field = serializers.CharField(help_text="不一致的项目")
    first = serializers.CharField(help_text="第一次录入")
    second = serializers.CharField(help_text="第二次录入")


class TallyEntryResultSerializer(serializers.Serializer[Any]):
    box = serializers.IntegerField(help_text="票箱编号")
    entries = serializers.IntegerField(help_text="已录入次数（0–2）")
    accepted = serializers.BooleanField(help_text="两次录入一致，已采用")
    mismatches = TallyMismatchSerializer(many=True, help_text="两次录入不一致的项目")
    counted = serializers.BooleanField(help_text="各票箱均已采用，本轮结果已计出")


class TallyBoxSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField(help_text="票箱名称")
    kind = serializers.CharField(help_text="类别代码：central、station、mobile")
    kind_name = serializers.CharField(help_text="类别的中文")
    state = serializers.CharField(help_text="未录入、待第二人录入、两次录入不一致、已核对一致")
    clerks = serializers.ListField(child=serializers.CharField(), help_text="录入人")
    mismatches = TallyMismatchSerializer(many=True)


class TallyNextRoundSerializer(serializers.Serializer[Any]):
    election = serializers.IntegerField(help_text="下一轮选举编号")
    round = serializers.CharField(help_text="轮次代码：tie_revote、supplementary、revote")
    kind = serializers.CharField(help_text="原因代码，即计票结果的 next")
    kind_name = serializers.CharField(help_text="原因的中文")
    candidates = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), help_text="{职位: [姓名]}"
    )
    deadline = serializers.DateField(allow_null=True, help_text="最迟举行日期（另行选举）")


class TallyHolderSerializer(serializers.Serializer[Any]):
    person = serializers.IntegerField(help_text="人员编号")
    name = serializers.CharField()
    post = serializers.CharField(help_text="职位代码")
    term_start = serializers.DateField()
    term_end = serializers.DateField()


class TallyResultSerializer(serializers.Serializer[Any]):
    election = serializers.IntegerField()
    contest = serializers.JSONField(help_text="计票数据，即 huanjie tally 读入的 JSON")
    outcome = serializers.JSONField(help_text="计票结果（tally-io.md 的 Outcome）")
    counted_at = serializers.DateTimeField()
    certified = serializers.BooleanField(help_text="乡镇已确认（锁定）")
    certified_at = serializers.DateTimeField(allow_null=True)
    certified_by = serializers.CharField(allow_null=True)
    next_round = TallyNextRoundSerializer(allow_null=True, help_text="系统建立的下一轮")
    holders = TallyHolderSerializer(many=True, help_text="已登记任职的当选人")
    not_recorded = serializers.ListField(
        child=serializers.CharField(), help_text="未能对应到唯一选民、未登记任职的当选人"
    )


class TallyRoundSerializer(serializers.Serializer[Any]):
    election = serializers.IntegerField()
    village = serializers.IntegerField()
    round = serializers.CharField(help_text="轮次代码")
    round_number = serializers.IntegerField()
    registered = serializers.IntegerField(allow_null=True, help_text="登记选民数")
    seats = serializers.DictField(child=serializers.IntegerField(), help_text="{职位: 应选人数}")
    boxes = TallyBoxSerializer(many=True)
    result = TallyResultSerializer(allow_null=True)


class TallyReopenInputSerializer(serializers.Serializer[Any]):
    reason = Text(help_text="重新开启的理由（记入操作记录）")
    boxes = serializers.ListField(child=Text(), help_text="需要更正计票单的票箱名称")


class TallyReopeningSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    election = serializers.IntegerField()
    reason = serializers.CharField()
    reopened_by = serializers.CharField()
    reopened_at = serializers.DateTimeField()
    was_certified = serializers.BooleanField(help_text="原结果已经乡镇确认")
    boxes = serializers.ListField(child=serializers.CharField())
    outcome = serializers.JSONField(help_text="重新开启前的计票结果（留存）")
