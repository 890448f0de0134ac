"""User-facing Chinese messages of nominations (what is wrong, and what to do next). Rule IDs are
named where a rule refuses; no message holds an ID number."""

from __future__ import annotations

NOT_A_KEEPER = (
    "您的角色不能办理招贤榜、报名和候选人名单。它们由本村村民选举委员会或乡镇组织委员办理，"
    "请联系他们。"
)
NO_ELECTION = (
    "{village}还没有建立本届{body}选举，无法办理报名。请先由乡镇组织委员在村换届计划中"
    "建立{body}选举。"
)
ELECTION_CLOSED = "{village}的{body}选举已{status}，不能再办理报名和候选人名单。"
NO_ELECTION_DAY = "{village}的{body}选举还没有确定选举日，请先确定选举日，再办理报名。"
NOT_A_FULL_MEMBER = (
    "{name}不是本村党组织的正式党员（{status}），没有被选举权，不能报名参选党组织职位。"
    "请核对党员名册。"
)
POST_NOT_ELECTED = "本届选举没有设“{post}”职位（可选：{posts}），请核对职位。"
REQUIREMENTS_EMPTY = "请填写任职条件（如“五有+X”的具体内容）。"
NOTICE_AFTER_ELECTION = "招贤榜发布日期{on}不能晚于选举日{day}，请核对日期。"
LIST_ALREADY_PUBLISHED = (
    "{post}的候选人名单已于{on}公布，不能再修改招贤榜、报名或确定候选人。候选人退出请办理退出。"
)
NO_RECRUITMENT = "{post}还没有发布招贤榜：请先发布该职位的招贤榜。"
FILED_BEFORE_NOTICE = "报名日期{on}早于招贤榜发布日期{published}，请核对日期。"
ALREADY_APPLIED = "{name}已报名参选{post}，不要重复报名。"
NOT_A_VILLAGER = "{name}不是{village}登记的村民，不能在本村报名。"
NOT_ON_REGISTER = "{name}已{status}，不在户籍登记中，不能报名。"
UNDER_AGE = "{name}在选举日{day}未满18周岁，没有被选举权，不能报名（VC-REG-1）。"
DEPRIVED = "{name}被剥夺政治权利，没有被选举权，不能报名（VC-REG-1）。"
SIGNATURES_NEEDED = "村民联名推荐须填写联名人数（至少2人）。"
SIGNATURES_NOT_JOINT = "只有村民联名推荐才填写联名人数，请清空联名人数或改为联名推荐。"
ORGANIZATION_NEEDED = "组织推荐须写明推荐的组织（如“村党组织”）。"
NOT_FILED = "{name}的报名状态是“{status}”，只有已报名的才能确定为候选人。"
NOT_LIVE = "{name}已退出，不能再退出一次。"
WITHDRAWN_BEFORE_FILED = "退出日期{on}早于报名日期{filed}，请核对日期。"
NO_CANDIDATES = "{post}还没有确定任何候选人，不能公布名单。请先从报名人中确定候选人。"
PLEDGE_NOT_CANDIDATE = "{name}还不是候选人（{status}），确定为候选人后再登记承诺。"
PLEDGE_TWICE = "{name}的{kind}已于{on}登记，不要重复登记。"
PLEDGE_BEFORE_FILED = "签订日期{on}早于{name}的报名日期{filed}，请核对日期。"
PLEDGE_AFTER_DAY = "签订日期{on}在选举日{day}之后，承诺应在选举前签订，请核对日期。"
GOALS_NOT_LIVE = "{name}已退出，不能再登记竞选目标。"
GOALS_TOO_LONG = "竞选目标最多500字，现有{count}字，请精简后再保存。"
