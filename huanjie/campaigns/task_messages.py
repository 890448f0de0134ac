"""User-facing Chinese messages of a village's plan tasks."""

from __future__ import annotations

NOT_A_TASK_KEEPER = (
    "“{task}”由{owner}负责；只有本村的{owner}、乡镇组织委员或包村干部可以登记完成情况。"
)
ALREADY_DONE = "“{task}”已于{day}登记完成，不能重复登记。"
DONE_IN_FUTURE = "完成日期{day}晚于今天{today}，请填写实际完成的日期。"
EVIDENCE_REQUIRED = "请写明完成情况或凭证（如公告张贴照片、会议记录的页码），以备检查。"
EVIDENCE_TOO_LONG = "完成情况最多{limit}字，现有{length}字，请精简。"
TEMPLATE_REFUSED = "工作安排模板不合法定期限，任务没有生成：{reason}（{rule}）"
PLAN_CLOSED = "换届“{name}”已结束，不能再修改其任务。"
NO_PLAN = "“{village}”还没有进行中的村换届计划，请乡镇组织委员先在换届中为本村建立计划。"
VOTE_NOT_LAWFUL = (
    "投票还不能登记为完成，选举前的法定步骤没有办好：{reasons}请先补办并登记这些步骤。"
)
VOTE_OFF_DAY = (
    "投票的完成日期{day}不是选举日{due}；选举日改了的，请先修改选举日，再重新生成任务后登记。"
)
NOT_DONE = "“{task}”还没有登记完成，无需撤销。"
UNDO_REASON_REQUIRED = "请写明撤销完成登记的原因（如“公告张贴日期登记错了”），以备检查。"
UNDO_LATER_DONE = (
    "“{task}”不能撤销：排在它之后的{later}已登记完成，这些步骤以它为前提（SEQ-1）。"
    "如确需撤销，请先撤销后面的步骤。"
)
NOT_A_TEMPLATE_KEEPER = "您的角色不能修改换届“{name}”的任务模板。模板由组织这次换届的县（市、区）换届办或乡镇组织委员修改。"
TEMPLATE_STEP_UNKNOWN = "任务模板中没有步骤“{key}”，请从模板页面选择要修改的步骤。"
TEMPLATE_OWNER_UNKNOWN = "负责人“{owner}”无法识别，请从列表中选择。"
TEMPLATE_HOW_TO_REQUIRED = "请写明这一步怎么做，让新任村干部照着能办。"
TEMPLATE_HOW_TO_TOO_LONG = "“怎么做”最多{limit}字，现有{length}字，请精简。"
TEMPLATE_LEGAL_DAY = (
    "“{task}”的日期由法律规定（法定最晚日），不能改计划日期；负责人和做法可以修改。"
)
TEMPLATE_OFFSET_REQUIRED = (
    "请填写“{task}”的计划日期（选举日前几天填负数，如 -15；选举日后填正数）。"
)
TEMPLATE_OFFSET_RANGE = "计划日期应在选举日前{before}日至选举日后{after}日之间，现为{offset}。"
TEMPLATE_BREAKS_LAW = "“{task}”不能定在选举日{when}：{reason}（{rule}）{last}任务模板没有修改。"
TEMPLATE_LAST_LAWFUL = "按{village}的选举日，这一步最晚只能定在选举日前{days}日（{offset}）。"
