"""A box counted ballot by ballot, a later round's day and the pick of a same-named winner
through the API (huanjie.api.views.ballot_mode). Totals only: never who cast a ballot."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from huanjie.api.serializers.ballots import Count, TallyHolderSerializer


class TallyBallotsJsonSerializer(serializers.Serializer[Any]):
    ballots_issued = Count(help_text="本票箱发出选票张数")
    ballots_collected = Count(help_text="本票箱收回选票张数（表格中每张一行）")
    rows = serializers.ListField(
        child=serializers.ListField(child=serializers.CharField(allow_blank=True)),
        help_text="选票表格：第一行为列名（如“主任:张三”“主任:另选他人”“无效原因”），"
        "其后每张收回的选票一行（空白票也占一行）",
    )


class TallyBallotsFileSerializer(serializers.Serializer[Any]):
    ballots_issued = serializers.IntegerField(help_text="本票箱发出选票张数")
    ballots_collected = serializers.IntegerField(help_text="本票箱收回选票张数")
    table = serializers.FileField(help_text="选票表格文件（.csv、.xlsx），格式同网页导入")


class TallyBallotsResultSerializer(serializers.Serializer[Any]):
    box = serializers.IntegerField(help_text="票箱编号")
    ballots_issued = serializers.IntegerField(help_text="发出选票")
    ballots_collected = serializers.IntegerField(help_text="收回选票")
    invalid_ballots = serializers.IntegerField(help_text="无效票（含空白票）")
    blank_ballots = serializers.IntegerField(help_text="其中空白票")
    invalid_by_rule = serializers.DictField(
        child=serializers.IntegerField(), help_text="{无效原因的规则编号: 张数}"
    )
    votes = serializers.DictField(
        child=serializers.DictField(child=serializers.IntegerField()),
        help_text="{职位: {姓名: 得票数}}",
    )
    counted = serializers.BooleanField(help_text="各票箱均已计入，本轮结果已计出")


class TallyRoundDayInputSerializer(serializers.Serializer[Any]):
    election_day = serializers.DateField(help_text="本轮选举日（年-月-日）")


class TallyRoundDaySerializer(serializers.Serializer[Any]):
    election = serializers.IntegerField(help_text="选举编号")
    election_day = serializers.DateField(help_text="本轮选举日")
    status = serializers.CharField(help_text="选举状态代码")


class TallyWinnerPickInputSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(help_text="当选人姓名（选民名单上有多人同名）")
    voter = serializers.IntegerField(help_text="村选委会认定的那位选民的编号")


class TallyHomonymOptionSerializer(serializers.Serializer[Any]):
    voter = serializers.IntegerField(help_text="选民编号")
    description = serializers.CharField(help_text="姓名（村民小组，出生日期）")


class TallyHomonymSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(help_text="当选人姓名")
    post = serializers.CharField(help_text="职位代码")
    post_name = serializers.CharField(help_text="职位")
    options = TallyHomonymOptionSerializer(many=True, help_text="同名的选民")


class TallyWinnerPickSerializer(serializers.Serializer[Any]):
    holder = TallyHolderSerializer(help_text="登记的任职")
    homonyms = TallyHomonymSerializer(many=True, help_text="仍待认定的同名当选人")
