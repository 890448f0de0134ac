"""User-facing Chinese messages of campaigns and village plans."""

from __future__ import annotations

NAME_REQUIRED = "名称不能为空，请填写。"
REGION_IS_VILLAGE = "换届由县级及以上（或乡镇）组织，不能以单个村为组织区域，请选择上级区划。"
WINDOW_ORDER = "计划开始日期{start}晚于计划结束日期{end}，请调换或改正日期。"
YEAR_RANGE = "届期起始年{year}不合理，请填写2000年至2100年之间的年份。"
PROFILE_UNKNOWN = "选举规则“{profile}”不存在：{reason}。可选：{choices}。"
PROFILE_WRONG_BODY = "“{profile}”是{actual}的规则，这里需要{expected}的规则，请重新选择。"
CAMPAIGN_EXISTS = "{region}已有{year}年起的换届“{name}”，同一区域同一届只能有一个换届。"
VILLAGE_NOT_IN_CAMPAIGN = "“{village}”不在换届“{campaign}”的组织区域{region}内，请选择本区域的村。"
PLAN_EXISTS = "“{village}”在换届“{campaign}”中已有计划，请直接修改原计划。"
RISK_UNKNOWN = "选情研判等级“{level}”无法识别，请选择红、橙或绿。"
CAMPAIGN_CLOSED = "换届“{name}”已结束，不能再修改其计划。"
START_BEFORE_WINDOW = "换届“{name}”计划从{start}开始，{today}还没到开始日期，不能启动；请到开始日期再启动，或先改计划开始日期。"
START_NOT_DRAFT = "换届“{name}”现在是“{status}”，只有筹备中的换届才能启动。"
