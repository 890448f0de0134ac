"""What the tally pages and commands say, in Chinese."""

NOT_A_CLERK = "计票单只能由本村村民选举委员会成员录入；乡镇和其他角色可以查看。"
OTHER_VILLAGE_BOX = "票箱“{box}”不属于{village}，请选择本村的票箱。"
BOX_EXISTS = "本村已有名为“{name}”的票箱，请换一个名称。"
BOX_NAME_EMPTY = "请填写票箱名称，如“中心会场”“第一投票站”“流动票箱一”。"
NOT_COUNTED_HERE = (
    "本页录入村党组织、村民委员会、村务监督委员会和集体经济组织理事会、监事会各轮选举的计票单"
    "（等票重选、另行选举须由系统按上一轮结果建立）；"
    "{election}的计票请按原方式办理。"
)
CERTIFIED = (
    "{election}的选举结果已经乡镇确认并锁定，计票单不能再录入或修改；"
    "如需更正，请由乡镇办理“重新开启”并写明理由。"
)
SHEET_BUSY = "{box}的计票单正在被另一人同时录入，请稍后再提交一次。"
NO_REGISTER = "{village}还没有本届选民名单，无法核对投票人数；请先生成并公布选民名单。"
ALREADY_COUNTED = "{election}已经计出结果，计票单不能再录入或修改。"
SHEET_ACCEPTED = "{box}的计票单两次录入已核对一致并被采用，不能再修改。"
TWO_CLERKS_DONE = "{box}的计票单已由两人录入（{clerks}），第三人不能再录入；请由原录入人更正。"
BLANK_OVER_INVALID = "空白票 {blank} 张多于无效票 {invalid} 张：空白票是无效票的一部分，请核对。"
DUPLICATE_NAME = "“{name}”在{post}中填了两次，请合并为一行。"
UNKNOWN_POST = "职位“{post}”不在本次选举的应选职位中（本次选举：{posts}）。"
NAME_EMPTY = "得票行缺少姓名，请填写或删去该行。"
REFUSAL = "{what}（{rule}）"
ROUND_TOTAL = "各票箱合计后：{what}"
NOT_A_CERTIFIER = "选举结果只能由本乡镇（街道）的乡镇干部确认或重新开启。"
NO_RESULT = "{election}还没有计出结果：各票箱计票单须全部两次录入核对一致。"
ALREADY_CERTIFIED = "{election}的选举结果已于 {when} 由{who}确认，无需再确认。"
RECOUNT_DIFFERS = (
    "按保存的计票数据重新计票，结果与保存的结果不一致，不能确认；请重新开启并核对计票单。"
)
REASON_EMPTY = "请写明重新开启的理由（如哪一个票箱的哪一项数字录错）。"
BOXES_EMPTY = "请选择需要更正计票单的票箱（至少一个）。"
BOX_UNKNOWN = "本村没有名为“{name}”的票箱。"
LATER_ROUND_STARTED = (
    "下一轮（{following}）已经开始录入计票单或已计出结果，不能重新开启本轮；请先重新开启下一轮。"
)
LATER_ROUND_IN_USE = "下一轮（{following}）已被其他工作引用（如投票安排），不能自动撤销；请先处理。"
