"""What the tally pages and commands say, in Chinese."""

NOT_A_CLERK = "计票单只能由本村村民选举委员会成员录入；乡镇和其他角色可以查看。"
OTHER_VILLAGE_BOX = "票箱“{box}”不属于{village}，请选择本村的票箱。"
BOX_EXISTS = "本村已有名为“{name}”的票箱，请换一个名称。"
BOX_NAME_EMPTY = "请填写票箱名称，如“中心会场”“第一投票站”“流动票箱一”。"
NOT_COUNTED_HERE = (
    "本页只录入村民委员会正式选举（或重新选举）的计票单；{election}的计票请按原方式办理。"
)
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
