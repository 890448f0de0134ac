"""The Chinese words `tally_explain` puts into its sentences (labels of tally-io.md's codes)."""

from __future__ import annotations

from huanjie.rules.kinship.relations import RelationKind
from huanjie.rules.tally.model import Round

PLENARY_NAME = "村党组织委员会第一次全体会议选举书记、副书记"  # PB-SEC-1

ROUND_NAMES: dict[Round, str] = {
    Round.FIRST: "第一次投票",
    Round.SUPPLEMENTARY: "另行选举",
    Round.TIE_REVOTE: "等票重选",
}

# practice.md §2: the published invalid-ballot rules, and the statutory ones.
INVALID_NAMES: dict[str, str] = {
    "VC-TALLY-3": "多选或一人选多个职位",
    "VC-TALLY-4": "无法辨认",
    "PB-BALLOT-2": "赞成人数超过应选人数",
    "PB-BALLOT-3": "有规定以外的标记",
    "PB-BALLOT-4": "另选他人不合规定",
    "INVALID-BLANK": "空白票",
    "INVALID-TORN": "撕毁或残缺",
    "INVALID-UNOFFICIAL": "非正式选票",
    "INVALID-UNIDENTIFIED": "所写姓名无法确认身份",
    "INVALID-WRITER": "代写人违背选民意愿",
    "INVALID-OTHER": "选举委员会认定的其他情形",
}

# Why an elected person's seat is void (tally-io.md rule 4); kinship reasons name the relative.
VOID_REASONS: dict[str, str] = {
    "QUAL-9": "未通过资格审查或不具有被选举资格，当选无效",
    "SUP-1": "属于不得担任村务监督委员会成员的人员（村委会成员及其近亲属、村会计、村报账员）",
    "CEO-5": "属于不得担任监事的人员（理事会成员、财务会计人员及其近亲属）",
    "VC-MULTI-1": "一人只任一职：同时当选了更高职位（或已在此前当选），保留较高职位",
    "VC-ORG-2": "当选人中没有女性：由得票最多的女性委员候选人替换得票最少的当选委员",
}

RELATION_NAMES: dict[RelationKind, str] = {
    RelationKind.SPOUSE: "配偶",
    RelationKind.PARENT_CHILD: "父母子女关系",
    RelationKind.SIBLING: "兄弟姐妹",
    RelationKind.GRANDPARENT_GRANDCHILD: "祖孙关系",
}

NEXT_STEPS: dict[str | None, str] = {
    "revote": "按原方式重新投票。",
    "new_meeting": "会议未达到法定到会人数，不能进行选举，须另行召开会议。",
    "tie_revote": "在得票相等的人之间重新投票（等票重选），此后再处理其他空缺。",
    "supplementary_round": "对空缺的名额进行另行选举；候选人从未当选的人中按得票多少确定。",
    "complete": "本轮选举结束，结果可以公布。",
    None: "罢免投票不需要后续投票。",
}
