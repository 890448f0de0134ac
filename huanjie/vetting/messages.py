"""User-facing Chinese messages of the joint review and kinship recusal (what is wrong, and what
to do next). Rule IDs are named where a rule refuses."""

from __future__ import annotations

NOT_A_REVIEWER = (
    "只有联审人员才能登记联审结果。请使用所属联审部门的账号登录；账号没有填写联审部门的，"
    "请县换届办在用户管理中填写。"
)
UNKNOWN_DEPARTMENT = (
    "您账号上的联审部门“{department}”不在本县联审部门名单中（{known}）。"
    "请县换届办核对账号的联审部门或部门名单。"
)
NOT_IN_ROUND = "{department}不参加“{round}”，不能登记这一轮的联审结果。"
NOT_YOUR_COUNTY = "该候选人不在您负责的县（市、区）范围内。"
NOT_A_CANDIDATE = "{name}的报名状态是“{status}”，只有已确定的候选人才送联审。"
NOT_IN_CAMPAIGN = "{name}不属于“{round}”所在的换届，请核对轮次。"
ROUND_NOT_OPEN = "“{round}”{opens}才开始，{on}还不能登记结果。"
RESULT_BEFORE_CANDIDACY = "审查日期{on}早于{name}确定为候选人的日期{accepted}，请核对日期。"
ITEM_NEEDED = "发现负面清单情形时，请选择对应的清单条目。"
ITEM_NOT_ON_LIST = "所选条目不在本次换届的负面清单中，请从清单中选择。"
CLEARED_WITH_ITEM = "结论为“通过”时不要选择负面清单条目；发现情形请选择“发现负面清单情形”。"
EVENT_AFTER_REVIEW = "情形结束日期{event}晚于审查日期{on}，请核对日期。"
FINAL_REJECTION = (
    "{department}已认定{name}“不能”作为候选人（{item}），这一结论不能再改为通过或不宜。"
    "如认定确有错误，请按程序由县换届办撤销该候选人资格后重新办理。"
)
LIST_PUBLISHED = "{name}所在职位的候选人名单已于{on}公布，联审结果不能再修改。"
ATTACHMENT_TYPE = "附件只收PDF、JPG或PNG文件，请转换后再上传。"
ATTACHMENT_SIZE = "附件超过10MB，请压缩或分页扫描后再上传。"
NOTE_TOO_LONG = "说明不能超过500字。"
NOT_AN_ORGANIZER = "只有县换届办（县委组织部、民政局选举办）才能开设联审轮次、设置负面清单。"
NO_DEPARTMENTS = "请至少选择一个参加联审的部门。"
ROUND_DATES = "截止日期{due}早于开始日期{opens}，请核对日期。"
ROUND_OUTSIDE_CAMPAIGN = "联审日期应在本次换届的计划期{start}至{end}之内，请核对日期。"
DEPARTMENT_INACTIVE = "“{department}”已不参加联审，请先在部门名单中启用。"
DEPARTMENT_NAME = "部门名称不能为空，也不能超过32个字。"
DEPARTMENT_EXISTS = "联审部门“{department}”已存在。"
CAMPAIGN_CLOSED = "“{campaign}”已结束，不能再开设联审轮次或登记联审结果。"

# The publication gate (QUAL-3), shown by nominations.
NOT_REVIEWED_YET = (
    "本次换届还没有开设县级联审，候选人未经联审不能公布为正式候选人（QUAL-3）。"
    "请县换届办先开设联审轮次，各联审部门登记结果后再公布。"
)
UNCLEARED = (
    "{name}（{post}候选人）尚未通过{departments}的联审，不能公布候选人名单（QUAL-3）。"
    "请{departments}在联审中登记结果，全部通过后再公布。"
)
REJECTED = (
    "{name}（{post}候选人）经{departments}联审认定为“不能”作为候选人（QUAL-3、QUAL-9），"
    "不能列入候选人名单。请先为其登记退出，再公布名单。"
)
FLAGGED = (
    "{name}（{post}候选人）经{departments}联审认定为“不宜”作为候选人，不能公布候选人名单。"
    "请乡镇党委研究后，由该部门更正结论为通过，或为其登记退出。"
)
