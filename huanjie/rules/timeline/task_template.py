"""The default template of a village's plan (倒排工期, practice.md §1; domain.md §3; seed 003).

Offsets are days from the body's own election day (D); they are planning data, not law, and
`tasks.plan_tasks` refuses any that break a legal minimum. A step dated by the law names the
engine's `Step` and has no offset: its day is the latest lawful one. Each step carries its rule
IDs with the article's words (rules.md) and a short how-to for a new village committee.
"""

from __future__ import annotations

from huanjie.rules.timeline.deadlines import Step
from huanjie.rules.timeline.tasks import Basis, Method, TaskTemplate

PARTY = "party_organization"
VC = "villagers_committee"
SUPERVISION = "supervision_committee"
COOP = "cooperative_board"

# Owners (accounts.Role's values).
VILLAGE_PARTY = "village_party"
COMMITTEE = "election_committee"
TOWNSHIP = "township_officer"

SEQ_1 = Basis("SEQ-1", "先选村党组织，再选村民委员会、村务监督委员会和集体经济组织")
PB_TERM_2 = Basis("PB-TERM-2", "党组织任期届满应当按期进行换届选举")
PRAC_2T1X = Basis("PRAC-2T1X-2", "党员推荐和群众推荐产生初步人选，乡镇党委考察后书面确定正式候选人")
QUAL_3 = Basis("QUAL-3", "县级联审：纪检监察、组织、公安、法院、检察等部门逐人审查候选人资格")
PB_NOM_1 = Basis("PB-NOM-1", "候选人由党组织根据多数党员的意见确定")
PB_QUORUM_1 = Basis("PB-QUORUM-1", "有选举权的到会人数超过应到会人数的五分之四，会议有效")
PB_SEC_1 = Basis("PB-SEC-1", "党员大会选举委员，委员会第一次全体会议选举书记、副书记")
PB_WIN_4 = Basis("PB-WIN-4", "书记、副书记须报上级党组织批准")
E_4 = Basis("E.4", "候选人签订竞职、创业、辞职承诺")
SEED_PB_REG = Basis("SEED-PB-REG", "党员选举登记：未登记的党员不计入应到会人数")
VC_EC_1 = Basis(
    "VC-EC-1", "村民选举委员会主持村民委员会的选举，由村民会议、村民代表会议或各村民小组会议推选"
)
VC_REG_2 = Basis("VC-REG-2", "户籍在本村并且在本村居住的村民等三类人员应当列入参加选举的村民名单")
VC_REG_5 = Basis("VC-REG-5", "参加选举的村民名单应当在选举日的二十日前由村民选举委员会公布")
VC_REG_6 = Basis(
    "VC-REG-6",
    "对名单有异议的，应当自名单公布之日起五日内提出；村民选举委员会应当自收到申诉之日起三日内作出处理决定",
)
VC_NOM_1 = Basis("VC-NOM-1", "村民委员会成员候选人由登记参加选举的村民直接提名")
VC_NOM_6 = Basis("VC-NOM-6", "正式候选人名单应当在选举日的五日前公布")
ZJ_SELF_2 = Basis(
    "PROV-ZJ-SELF-2", "自荐人在选举日十日前向村民选举委员会报名，五日前按姓氏笔画公布"
)
C_7 = Basis("C.7", "投票时间、地点、选举方式和唱票、计票、监票人员在选举日五日前公布")
VC_VOTE_1 = Basis("VC-VOTE-1", "无记名投票、公开计票，选举结果当场公布；设立秘密写票处")
VC_VOTE_2 = Basis("VC-VOTE-2", "委托投票的，委托人和受委托人名单应当在选举日前公布")
VC_TALLY_10 = Basis("VC-TALLY-10", "当选名单当日或者次日公布")
VC_POST_1 = Basis("VC-POST-1", "新一届村民委员会产生后十日内完成工作移交，由乡镇人民政府监督")
SUP_1 = Basis(
    "SUP-1",
    "村务监督委员会成员由村民会议或者村民代表会议在村民中推选产生，村民委员会成员及其近亲属不得担任",
)
SUP_2 = Basis("SUP-2", "新一届村民委员会产生后推选村务监督委员会，成员三至五人")
CEO_1 = Basis("CEO-1", "成员大会选举和罢免理事会成员、监事会成员，重要事项先经党组织研究讨论")
CEO_2 = Basis("CEO-2", "召开成员大会应当提前十日将会议时间、地点和审议事项通知全体成员")
CEO_3 = Basis("CEO-3", "成员代表每五户至十五户选举一名，代表人数应当多于二十人")
CEO_4 = Basis("CEO-4", "理事会一般三至七名单数成员，近亲属不得同时担任理事会成员")
CEO_5 = Basis("CEO-5", "理事会成员、财务人员、会计人员及其近亲属不得担任监事会成员")

DEFAULT_TEMPLATE: tuple[TaskTemplate, ...] = (
    # 村党组织 (D = the party members' assembly)
    TaskTemplate(
        "party_prepare",
        PARTY,
        "支委会研究换届工作，向乡镇党委请示",
        VILLAGE_PARTY,
        "召开支委会，核准党员名册和应到会人数，拟定委员职数和选举方式，形成书面请示报乡镇党委。",
        (PB_TERM_2, SEQ_1),
        offset=-30,
    ),
    TaskTemplate(
        "party_two_recommendations",
        PARTY,
        "两推：党员推荐和群众推荐初步人选",
        VILLAGE_PARTY,
        "分别召开党员大会和村民代表会议，无记名投票推荐书记和委员初步人选，当场公布推荐票数，"
        "结果报乡镇党委。",
        (PRAC_2T1X,),
        offset=-25,
    ),
    TaskTemplate(
        "party_joint_review",
        PARTY,
        "资格联审和乡镇党委考察",
        TOWNSHIP,
        "把初步人选名单送县级联审部门逐人审查“十不选”等负面清单，乡镇党委派考察组谈话考察，"
        "不合格的当场退出。",
        (QUAL_3, PRAC_2T1X),
        offset=-18,
    ),
    TaskTemplate(
        "party_candidates_approved",
        PARTY,
        "支委会确定预备人选，乡镇党委书面批复",
        TOWNSHIP,
        "支委会按推荐得票和考察结果提出差额预备人选，报乡镇党委审批，拿到书面批复后在党员中公示。",
        (PB_NOM_1, PRAC_2T1X),
        offset=-12,
    ),
    TaskTemplate(
        "party_pledges",
        PARTY,
        "候选人签订“三项承诺”和纪律承诺书",
        VILLAGE_PARTY,
        "组织每名候选人签订竞职、创业、辞职承诺和换届纪律承诺书，原件存入换届档案。",
        (E_4,),
        offset=-7,
    ),
    TaskTemplate(
        "party_registration",
        PARTY,
        "党员选举登记截止并公布登记名单",
        VILLAGE_PARTY,
        "逐一联系党员（含流动党员）登记参会，登记截止后公布名单，按登记确定应到会人数。",
        (SEED_PB_REG,),
        offset=-3,
        requires="pb.registration_defines_should_attend",
    ),
    TaskTemplate(
        "party_oath",
        PARTY,
        "党员大会开始时重温入党誓词",
        VILLAGE_PARTY,
        "大会开始前悬挂党旗，全体党员起立，由一名党员领誓，重温入党誓词。",
        (SEQ_1,),
        offset=0,
        ritual=True,
    ),
    TaskTemplate(
        "party_vote",
        PARTY,
        "召开党员大会，无记名投票选举新一届委员会",
        VILLAGE_PARTY,
        "清点到会人数（须超过应到会人数的五分之四），设秘密写票处，当场公开计票并宣布结果。",
        (PB_QUORUM_1,),
        offset=0,
    ),
    TaskTemplate(
        "party_secretary",
        PARTY,
        "新一届委员会选举书记、副书记，报乡镇党委批准",
        VILLAGE_PARTY,
        "党员大会后随即召开委员会第一次全体会议，差额或等额选举书记、副书记，结果报乡镇党委批准。",
        (PB_SEC_1, PB_WIN_4),
        offset=0,
    ),
    # 村民委员会 (D = the villagers' vote)
    TaskTemplate(
        "vc_election_committee",
        VC,
        "推选村民选举委员会，公布选举日和选举办法",
        COMMITTEE,
        "召开村民代表会议推选5—9人的村民选举委员会，确定主任和分工，通过选举办法，"
        "张贴第1、2号公告。",
        (VC_EC_1,),
        offset=-34,
    ),
    TaskTemplate(
        "vc_registration",
        VC,
        "选民登记（上门登记，含外出和流动票箱人员）",
        COMMITTEE,
        "分组上门登记年满18周岁的村民，逐户核对户籍和居住情况，外出人员电话或书面确认参选意愿。",
        (VC_REG_2,),
        offset=-33,
    ),
    TaskTemplate(
        "vc_voter_list",
        VC,
        "公布选民名单",
        COMMITTEE,
        "按村民小组张榜公布参加选举的村民名单，写明异议截止日，拍照留存张贴情况。",
        (VC_REG_5,),
        step=Step.VOTER_LIST,
    ),
    TaskTemplate(
        "vc_objections",
        VC,
        "受理对选民名单的异议截止",
        COMMITTEE,
        "登记每件异议的收到日期，逐件核实，必要时发补充公告更正名单。",
        (VC_REG_6,),
        step=Step.OBJECTION,
    ),
    TaskTemplate(
        "vc_objection_decisions",
        VC,
        "对最后一日受理的异议作出处理决定并公布",
        COMMITTEE,
        "收到异议之日起三日内书面答复申诉人，并公布处理结果。",
        (VC_REG_6,),
        step=Step.OBJECTION_DECISION,
    ),
    TaskTemplate(
        "vc_nominations",
        VC,
        "发布提名公告，由选民直接提名",
        COMMITTEE,
        "张贴第7号公告，写明职位、职数和提名办法；收齐提名表、身份证复印件、无犯罪记录证明等材料。",
        (VC_NOM_1,),
        offset=-15,
        method=Method.CANDIDATES,
    ),
    TaskTemplate(
        "vc_self_registration",
        VC,
        "自荐人报名截止",
        COMMITTEE,
        "登记每名自荐人的职位和材料，当天截止报名，不再接受补报。",
        (ZJ_SELF_2,),
        step=Step.SELF_NOMINEE_REGISTRATION,
        method=Method.SELF_NOMINATION,
    ),
    TaskTemplate(
        "vc_review",
        VC,
        "初步候选人资格审查（乡镇初审、县级联审）",
        TOWNSHIP,
        "把初步人选名单报乡镇初审，再送县级联审部门审查负面清单，审查不通过的书面告知本人。",
        (QUAL_3,),
        offset=-12,
    ),
    TaskTemplate(
        "vc_candidate_list",
        VC,
        "公布正式候选人名单",
        COMMITTEE,
        "按职位和得票多少张贴第9号公告，公布后三日内不愿接受提名的须书面提出。",
        (VC_NOM_6,),
        offset=-6,
        step=Step.CANDIDATE_LIST,
        method=Method.CANDIDATES,
    ),
    TaskTemplate(
        "vc_self_list",
        VC,
        "按姓氏笔画公布自荐人名单",
        COMMITTEE,
        "按姓氏笔画顺序张贴自荐人名单，写明各自自荐的职位。",
        (ZJ_SELF_2,),
        step=Step.SELF_NOMINEE_LIST,
        method=Method.SELF_NOMINATION,
    ),
    TaskTemplate(
        "vc_vote_notice",
        VC,
        "公布投票时间、地点和唱票、计票、监票人员",
        COMMITTEE,
        "张贴第10、11号公告：中心会场、投票站、流动票箱路线和时间；候选人近亲属不得担任工作人员。",
        (C_7,),
        step=Step.VOTE_NOTICE,
    ),
    TaskTemplate(
        "vc_proxy_list",
        VC,
        "公布委托投票名单",
        COMMITTEE,
        "核对每份委托书（每人受托不超过三人），张贴委托人和受委托人名单。",
        (VC_VOTE_2,),
        step=Step.PROXY_LIST,
    ),
    TaskTemplate(
        "vc_vote",
        VC,
        "投票选举，当场公开计票并公布结果",
        COMMITTEE,
        "布置秘密写票处，清点选票后开箱，公开唱票、计票、监票，当场宣布选举结果并张贴第16号公告。",
        (VC_VOTE_1, VC_TALLY_10),
        offset=0,
    ),
    TaskTemplate(
        "vc_handover",
        VC,
        "新老班子工作移交",
        TOWNSHIP,
        "在乡镇监督下移交公章、账目、档案和集体资产，双方签字的移交清单存档。",
        (VC_POST_1,),
        step=Step.HANDOVER,
    ),
    # 村务监督委员会 (D = the assembly that elects it)
    TaskTemplate(
        "sup_candidates",
        SUPERVISION,
        "提出村务监督委员会候选人并资格审查",
        VILLAGE_PARTY,
        "村党组织提出候选人建议名单（须有懂财务的人员），核对与新一届村委会成员无近亲属关系。",
        (SUP_1, SUP_2),
        offset=-5,
    ),
    TaskTemplate(
        "sup_vote",
        SUPERVISION,
        "村民代表会议选举村务监督委员会",
        COMMITTEE,
        "无记名投票、公开计票，当场公布第17号公告。",
        (SUP_1,),
        offset=0,
    ),
    # 经济合作社 (D = the members' (representatives') assembly)
    TaskTemplate(
        "coop_notice",
        COOP,
        "通知成员（代表）大会的时间、地点和审议事项",
        VILLAGE_PARTY,
        "经村党组织研究后，提前十日书面通知全体成员（或成员代表），张贴会议通知并拍照留存。",
        (CEO_2, CEO_1),
        offset=-12,
        minimum_before=10,
    ),
    TaskTemplate(
        "coop_representatives",
        COOP,
        "产生社员代表，推选社管会、社监会候选人",
        VILLAGE_PARTY,
        "每五至十五户推选一名社员代表；按章程推选理事会、监事会候选人并送联审。",
        (CEO_3, CEO_4, CEO_5),
        offset=-8,
    ),
    TaskTemplate(
        "coop_vote",
        COOP,
        "成员（代表）大会选举社管会、社监会",
        VILLAGE_PARTY,
        "一人一票，到会须达三分之二；当场公布结果，选举结果报乡镇备案。",
        (CEO_1, CEO_4),
        offset=0,
    ),
)
