"""User-facing Chinese messages of the region tree's services (what is wrong, how to fix it)."""

from __future__ import annotations

CODE_NOT_12_DIGITS = "区划代码应为12位数字（统计用区划代码），请核对后重新填写。"
CODE_TAKEN = "区划代码 {code} 已被“{name}”使用，请核对代码；同一代码只能登记一次。"
LEVEL_UNKNOWN = "层级“{level}”无法识别，请选择省、市、县、乡镇或村（社区）。"
PROVINCE_HAS_NO_PARENT = "省级区划没有上级，请不要选择上级区划。"
PARENT_REQUIRED = "请选择上级区划：{level}必须挂在{parent_level}之下。"
PARENT_WRONG_LEVEL = "上级区划“{parent}”是{actual}，{level}的上级应是{expected}，请重新选择。"
CODE_OUTSIDE_PARENT = "区划代码 {code} 不在上级“{parent}”的代码 {prefix}… 之下，请核对代码或上级。"
KIND_REQUIRED = "村级区划请注明是村还是社区。"
KIND_ONLY_FOR_VILLAGE = "只有村级区划才区分村和社区，请清空该项。"
NAME_REQUIRED = "名称不能为空，请填写。"
NOT_A_VILLAGE = "“{name}”不是村（社区）级区划，只能对村（社区）进行此项操作。"
COUNT_NEGATIVE = "{field}不能为负数，请填写0或正整数。"
FACT_UNKNOWN = "村情字段“{field}”无法识别，可修改的有：{allowed}。"
GROUP_NAME_TAKEN = "“{village}”已有名为“{name}”的村民小组，请换一个名称或使用已有小组。"
GROUP_NAME_TOO_LONG = "村民小组名称最多{limit}个字，请缩短。"
