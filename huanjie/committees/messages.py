"""User-facing Chinese messages of the election committee and the representatives (what is wrong,
and what to do next). Rule IDs are named where a rule refuses; no message holds an ID number."""

from __future__ import annotations

# --- who may change what ------------------------------------------------------------------
NOT_A_KEEPER = (
    "您的角色不能登记村民选举委员会和村民代表。它们由本村村民选举委员会登记，"
    "请联系村选委会办理；乡镇组织委员可以登记参选人。"
)
NOT_A_NOMINATION_KEEPER = (
    "您的角色不能登记参选人。参选人由本村村民选举委员会或乡镇组织委员登记，请联系他们办理。"
)

# --- the round's villagers' committee election ----------------------------------------------
NO_ELECTION = (
    "{village}还没有建立本届村民委员会选举，无法登记。请先由乡镇组织委员在村换届计划中"
    "建立村民委员会选举。"
)
ELECTION_CLOSED = "{village}的村民委员会选举已{status}，不能再修改村民选举委员会和村民代表。"

# --- the committee ----------------------------------------------------------------------------
COMMITTEE_EXISTS = (
    "{village}已经登记了本届村民选举委员会（{on}推选）。成员退出和递补请登记参选人，不要重新登记。"
)
NO_COMMITTEE = "{village}还没有登记本届村民选举委员会，请先登记推选结果。"
CHOSEN_BY_UNKNOWN = "推选方式“{value}”无法识别，可选：{choices}。"
CHOSEN_AFTER_ELECTION = (
    "推选日期{on}不能晚于村民委员会选举日{day}，请核对日期（村民选举委员会应在选举前推选产生）。"
)
CHOSEN_BEFORE_CAMPAIGN = "推选日期{on}早于本次换届开始的日期{start}，请核对日期。"
PRESENT_OVER = "实到人数{present}人多于应到人数{should}人，请核对。"
PRESENT_NONE = "实到人数应至少为1人，请填写推选会议实际到会的人数。"
QUORUM_FAILED = "推选会议到会人数不足，推选无效：{message}（{rule_id}）"
VOTES_EMPTY = "没有填写推选结果：请逐人填写得票，并为推选产生的成员填写职务。"
VOTES_NOT_POSITIVE = "{name}的得票应为正整数，现为“{votes}”。"
PERSON_TWICE = "{name}填写了两次，请每人只填一行。"
PERSON_OTHER_VILLAGE = "{name}不是{village}登记的村民，不能参加本村的推选。"
PERSON_NOT_ON_REGISTER = "{name}已{status}，不在户籍登记中，不能推选为{what}。"
PERSON_UNDER_AGE = "{name}在{on}未满18周岁，不能推选为{what}（VC-REG-1）。"
PERSON_DEPRIVED = "{name}被剥夺政治权利，不能推选为{what}（VC-REG-1）。"
NO_CHAIR = "推选产生的成员中应有一名主任，请为一人填写职务“主任”。"
TWO_CHAIRS = "主任只能有一名，现有{names}，请只保留一名。"
SIZE_REFUSED = "{message}（{rule_id}）"
NOT_TOP_VOTES = (
    "{seated}得{seated_votes}票，少于未列为成员的{other}（{other_votes}票）：推选按得票多少"
    "产生成员，请核对得票和职务（VC-EC-1）。"
)
TIE_AT_LAST_SEAT = (
    "{names}得票相同（{votes}票），推选结果不能确定谁为成员。请就得票相同的人再次推选，"
    "按再次推选的得票登记（VC-EC-3）。"
)
ROLE_UNKNOWN = "职务“{value}”无法识别，可选：主任、副主任、委员。"
MEMBER_NOT_SITTING = "{name}已于{on}退出村民选举委员会，不能调整职务。"
ROLE_UNCHANGED = "{name}已经是{role}，无需调整。"

# --- nominees and withdrawals -----------------------------------------------------------------
STAGE_UNKNOWN = "阶段“{value}”无法识别，可选：被提名、正式候选人。"
NOMINEE_BEFORE_COMMITTEE = "日期{on}早于村民选举委员会推选产生的日期{chosen}，请核对日期。"
NOMINEE_AFTER_ELECTION = "日期{on}晚于村民委员会选举日{day}，请核对日期。"
NOMINEE_IN_FUTURE = "日期{on}晚于今天（{today}），请在被提名或登记之后再登记。"
NOMINEE_RECORDED = "{name}已于{on}登记为{stage}，无需重复登记。"
NOMINEE_EARLIER = "{name}已于{on}登记，新的日期不能更早，请核对日期。"

# --- representatives --------------------------------------------------------------------------
BASIS_UNKNOWN = "名额分配方式“{value}”无法识别，可选：按户（households）、按村民小组（groups）。"
PLAN_HAS_SELECTIONS = (
    "已有{count}个推选单元登记了推选结果，不能重新分配名额。如确需调整，请先撤销这些推选结果。"
)
NO_GROUPS = "{village}还没有村民小组和在册户，无法分配村民代表名额；请先导入或登记户籍。"
GROUP_UNKNOWN = "{name}不是{village}的村民小组，请核对。"
GROUP_SEATS_NOT_POSITIVE = "{group}的代表名额应为正整数，现为“{seats}”。"
GROUP_LEFT_OUT = "{group}有{households}户，没有分配代表名额；每个有在册户的村民小组都应推选代表，请为它分配名额。"
GROUP_NO_HOUSEHOLDS = "{group}没有在册户，不能分配代表名额，请把名额分给其他小组。"
WOMEN_SEATS_OVER = "{group}单列妇女名额{women}名，多于该组代表名额{seats}名，请核对。"
HOUSEHOLD_SPLIT = (
    "{group}共{households}户，分{seats}个推选单元后每单元{low}至{high}户，不符合每五户至"
    "十五户推选一名代表的要求（REP-4）；请把该组名额调整为{fit}名，或改为按村民小组推选。"
)
HOUSEHOLD_SPLIT_NONE = (
    "{group}只有{households}户，不足五户，不能单独按户推选代表（REP-4）；请改为按村民小组推选，"
    "或与相邻小组合并后再分配。"
)
TOTAL_BELOW_MINIMUM = "本村在册{population}人，村民代表应不少于{minimum}名，现分配{total}名；请增加代表名额（REP-7）。"
TOTAL_OUTSIDE_BOUNDS = (
    "按每五户至十五户推选一人计，{households}户应有{low}至{high}名村民代表，现分配{total}名"
    "（REP-4，按村民小组推选时仅作提示）。"
)
SMALL_VILLAGE = (
    "本村在册{population}人，不足300人，一般不设村民代表会议，居住分散的村除外，请确认（REP-7）。"
)
NO_PLAN = "{village}还没有分配村民代表名额，请先分配名额、划分推选单元。"
CONSTITUENCY_DONE = "{name}已于{on}登记了推选结果。如需更正，请先撤销这次推选结果再重新登记。"
CONSTITUENCY_NOT_DONE = "{name}还没有登记推选结果，无需撤销。"
CANCEL_REASON_REQUIRED = "请写明撤销推选结果的原因（例如“得票登记错误”）。"
HELD_AFTER_ELECTION = "推选日期{on}不能晚于村民委员会选举日{day}，请核对日期。"
HELD_BEFORE_PLAN = "推选日期{on}早于名额分配确定的日期{decided}，请核对日期。"
TURNOUT_OVER = "{what}{present}多于本单元的{eligible}，请核对到会人数。"
SELECTION_QUORUM = "到会人数不足，推选无效：{message}（REP-7）"
PERSON_OTHER_UNIT = "{name}不属于{unit}，不能在本单元推选为村民代表。"
FEWER_THAN_SEATS = "本单元应推选{seats}名代表，只有{count}人得票，请核对；名额不足时请重新推选。"
FEWER_WOMEN = "本单元单列妇女名额{women}名，只有{count}名妇女得票，请核对；不足时请重新推选。"
SELECTION_TIE = (
    "{names}得票相同（{votes}票），不能确定谁当选村民代表。请就得票相同的人再次投票，"
    "按再次投票的得票登记。"
)
SAME_HOUSEHOLD = "{message}{other}（REP-7）"
SAME_HOUSEHOLD_OTHER = "其中{name}已在{unit}当选。"

# --- what the screens say about the profile's rules -------------------------------------------
RELATIVES_SET = {
    "none": "",
    "spouse_parent_child_sibling": "配偶、父母、子女、兄弟姐妹",
    "spouse_lineal": "配偶、父母、子女、祖父母、外祖父母、孙子女、外孙子女",
    "near_relatives": "近亲属（配偶、父母、子女、兄弟姐妹、祖父母、外祖父母、孙子女、外孙子女）",
}
TRIGGER = {
    "nominated": "被提名为村民委员会成员候选人或登记为自荐人",
    "confirmed": "列入村民委员会成员正式候选人（自荐人）名单",
}

# --- villager group leaders -------------------------------------------------------------------
GROUP_NOT_IN_VILLAGE = "{group}不是{village}的村民小组，请从本村的村民小组中选择。"
GROUP_DONE = "{group}已于{on}登记了小组长推选结果。如需更正，请先撤销这次推选结果再重新登记。"
GROUP_NOT_DONE = "{group}还没有登记小组长推选结果，无需撤销。"
GROUP_TURNOUT_OVER = "{what}{present}多于{group}的{eligible}，请核对到会人数。"
GROUP_QUORUM = "村民小组会议到会人数不足，推选无效：{message}（REP-6）"
GROUP_PERSON_OTHER = "{name}不是{group}的村民，不能在本组推选为{post}。"
GROUP_NO_LEADER_VOTES = "没有填写组长的得票：请至少填写一名组长得票人。"
GROUP_FEWER_DEPUTIES = "本组应推选副组长{seats}名，只有{count}人得票，请核对；不足时请重新推选。"
GROUP_TIE = (
    "{names}得票相同（{votes}票），不能确定谁当选。请就得票相同的人再次投票，按再次投票的得票登记。"
)
GROUP_NOT_MAJORITY = "{name}得{votes}票，未达到{requirement}，不能当选{post}，请另行推选（REP-6）。"
GROUP_BOTH_POSTS = "{name}同时当选组长和副组长，一人只能担任一个职务，请核对得票或重新推选副组长。"
GROUP_DEPUTY_SEATS = "副组长名额应为0至{most}名，现为“{value}”。"
GROUP_HELD_BEFORE_NOTICE = "推选日期{on}早于选举公告的日期{issued}，请先公告再推选。"
NOTICE_HOURS = "结束时间{ends}应晚于开始时间{starts}，请核对。"
NOTICE_AFTER_MEETING = "公告日期{issued}晚于推选日期{on}：应先公告，再推选。"
NOTICE_AFTER_ELECTION = "推选日期{on}不能晚于村民委员会选举日{day}，请核对日期。"
NOTICE_PLACE = "请填写推选地点（例如“各村民小组活动室”）。"
