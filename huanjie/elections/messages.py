"""User-facing Chinese messages of elections and office holders."""

from __future__ import annotations

BODY_UNKNOWN = "选举机构“{body}”无法识别，请选择村党组织、村民委员会、村务监督委员会或经济合作社。"
METHOD_NOT_FOR_BODY = "{body}不能采用“{method}”，可选的选举方式：{choices}。"
POST_NOT_FOR_BODY = "{body}没有“{post}”这一职务，可设的职务：{choices}。"
SEATS_EMPTY = "请至少设定一个职务的应选人数。"
SEATS_NOT_POSITIVE = "“{post}”的应选人数应为正整数，现为{seats}。不设此职务请删除这一项。"
ELECTION_EXISTS = "{village}的{body}选举已经建立，不能重复建立；另行选举或重新选举请走相应程序。"
DAY_OUTSIDE_WINDOW = "选举日{day}不在换届计划的{start}至{end}之内，请改期或先调整换届计划。"
PLAN_CLOSED = "换届“{name}”已结束，不能再建立选举。"
PERSON_OTHER_VILLAGE = "{name}不是{village}登记的人员，任职须为本村人员，请核对。"
TERM_ORDER = "任期开始{start}应早于任期届满{end}，请改正日期。"
OFFICE_EXISTS = "{name}在{body}自{start}起的任职已经登记。"
ELECTION_MISMATCH = "所选的选举不是{village}{body}的选举，请重新选择产生该任职的选举。"
SINGLE_POST = "“{post}”只能设1名，现为{seats}名，请改为1。"
BLOCKED_BY_RULE = "{message}（{rule_id}）"
