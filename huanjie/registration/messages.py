"""What the voter register says to people (zh-Hans), in one place.

A refusal names what was refused, why (with the rule ID where a rule decides) and what to do.
"""

from __future__ import annotations

RULED = "{message}（{rule_id}）"

# --- who may ------------------------------------------------------------------------------
NOT_A_REGISTRAR = (
    "您的角色不能办理选民登记。选民名单由本村村民选举委员会登记、公布和更正，请联系村选委会办理。"
)
NOT_OBJECTIONS = (
    "您的角色不能受理或处理选民名单异议。异议由本村村民选举委员会受理并作出决定，请联系村选委会。"
)
REGISTER_NOT_FOUND = "找不到这份选民名单，或它不在您管辖的村（社区）。"
OBJECTION_NOT_FOUND = "找不到这件异议，或它不在您管辖的村（社区）。"
CONFLICT_NOT_FOUND = "找不到这条重复登记记录，或它不涉及您管辖的村（社区）。"
CARD_NOT_FOUND = "找不到这张选民证，或它不在您管辖的村（社区）。"
NOTICE_NOT_FOUND = "找不到这份补充公告，或它不在您管辖的村（社区）。"

# --- the election -------------------------------------------------------------------------
NO_ELECTION = (
    "{village}还没有安排本届村民委员会选举，不能登记选民。选举由乡镇组织委员在村换届计划中安排。"
)
NOT_VC_ELECTION = "选民名单只用于村民委员会选举，所选的是{body}选举。"
NOT_FIRST_ROUND = "另行选举、重新选举沿用本届的选民名单，不另行登记。"
NO_ELECTION_DAY = (
    "{village}的村民委员会选举还没有确定选举日。年龄和居住年限都计算到选举日，"
    "请先请乡镇组织委员确定选举日，再生成选民名单。"
)
CAMPAIGN_CLOSED = "换届“{name}”已结束，选民名单不能再修改。"

# --- building -----------------------------------------------------------------------------
ALREADY_PUBLISHED = (
    "选民名单已于{day}公布，不能重新生成。公布后名单的变动须经异议处理："
    "请在“异议”中登记并作出决定。"
)
BUILD_RACE = "生成时有其他村正在登记同一批人员，本次未保存。请稍后重新生成。"
DAY_CHANGED = (
    "选民名单是按选举日{built}生成的，选举日现已改为{now}；年龄和居住年限须按新的选举日计算，"
    "请重新生成选民名单后再公布。"
)
NOT_BUILT = "还没有生成选民名单，请先生成。"

# --- recorded facts -----------------------------------------------------------------------
FACTS_CLOSED = "选民名单已公布，登记事项不能再修改；确需变动的，请通过异议处理。"
PERSON_ID_UNKNOWN = "找不到身份证号为 {number} 的人员，请核对号码。"
PERSON_NOT_HERE = "{name}不是本村户籍登记的人员。外出人员参选意愿只登记本村户籍、不在本村居住的人。"
PERSON_NOT_ON_REGISTER = "{name}已{status}，不在本村户籍登记中，不能登记。"
PERSON_RESIDES = "{name}登记为在本村居住，按“户籍在本村并居住”直接列入选民名单，无需登记参选意愿。"
PERSON_HUKOU_HERE = (
    "{name}户籍在本村，按户籍登记列入选民名单（不在本村居住的，请登记其参选意愿），"
    "无需提出居住登记申请。"
)
WISH_EXISTS = "{name}的参选意愿已经登记（{day}，{means}）。"
WISH_FUTURE = "表示日期{day}晚于今天，请填写实际表示参加选举的日期。"
APPLICATION_EXISTS = "{name}的登记申请已经登记，如需修改请先删除原申请。"
APPLICATION_FUTURE = "{field}{day}晚于今天，请填写实际的日期。"
APPLICATION_ORDER = "会议同意日期{approved}早于申请日期{applied}，请核对。"
APPLICATION_MEETING = "填写了会议同意日期，请同时选择是村民会议还是村民代表会议同意的。"
APPLICATION_NO_AFFAIRS = (
    "本届适用的规则（{profile}）没有“从事村务工作”这一登记类别，请按“在本村居住”申请。"
)
APPLICATION_SINCE = "起始日期{since}晚于申请日期{applied}，请核对。"
APPLICATION_NEW_PERSON_NAME = "此人不在本系统中，请填写其姓名（身份证号经核对后将登记为本村人员）。"
APPLICATION_ID_INVALID = "身份证号有误：{problems}"
APPLICATION_APPROVED = "{name}的申请已于{day}经{meeting}同意。"
APPLICATION_NOT_FOUND = "没有{name}的登记申请。"
GROUP_NOT_HERE = "所选的村民小组不属于本村，请重新选择。"
EXCLUSION_NOT_IN_PROFILE = (
    "本届适用的规则（{profile}）没有规定“{reason}”不列入选民名单；"
    "只有被依法剥夺政治权利的人不列入，请在户籍登记中登记。"
)
EXCLUSION_EXISTS = "{name}已登记不列入情形。"
NAME_REQUIRED = "请填写姓名。"
NAME_TOO_LONG = "姓名最多{limit}个字。"
NOTE_TOO_LONG = "说明最多{limit}个字。"

# --- double registration (VC-REG-3) -------------------------------------------------------
CONFLICTS_OPEN = (
    "有{count}人同时列入了其他村（社区）的选民名单，须先协调确定在哪个村登记"
    "（见“重复登记”），才能公布（VC-REG-3）。"
)
CONFLICT_RESOLVED = "此重复登记已于{day}处理：{name}在{village}登记。"
CONFLICT_NOT_A_SIDE = "所选的村不是这条重复登记涉及的村，请在两个村中选择一个。"
CONFLICT_HOLDER_PUBLISHED = (
    "{village}的选民名单已经公布，名单上的{name}只能由该村选委会经异议处理取消后，"
    "本村才能登记；请先联系{contact}。"
)
CONFLICT_HOLDER_ONLY = (
    "{name}现在列在{village}的选民名单上，只有该村选委会可以决定取消其登记；"
    "本村可以决定不登记此人，或联系{contact}协调。"
)
CONFLICT_NOTE_TOO_LONG = "协调情况最多{limit}个字。"
ELSEWHERE_KEPT = "经协调，此人在{village}参加选举（{day}确定），本村不再登记（VC-REG-3）。"
ELSEWHERE_ON_LIST = "此人已列入{village}的选民名单，同一届选举不得重复登记（VC-REG-3）。"
THE_OTHER_VILLAGE_TOWNSHIP = "本乡镇（街道）的另一个村（社区）"
THE_OTHER_VILLAGE_COUNTY = "本县另一个乡镇（街道）的村（社区）"
THE_OTHER_VILLAGE_OUTSIDE = "本县以外的村（社区）"
CONTACT_TOWNSHIP = "乡镇（街道）选举工作人员"
CONTACT_COUNTY = "县级选举办公室"
CONTACT_VILLAGE = "选委会"

# --- publication (VC-REG-5) ---------------------------------------------------------------
PUBLISH_FUTURE = "公布日期{day}晚于今天（{today}）。名单张贴公布后再登记公布日期。"
PUBLISH_BEFORE_BUILT = "公布日期{day}早于名单生成日期{built}，请填写实际张贴公布的日期。"
PUBLISH_EMPTY = "名单中没有选民，不能公布。请核对户籍登记后重新生成。"
PUBLISH_DONE = "选民名单已于{day}公布，不能重复公布。"

# --- objections (VC-REG-6) ----------------------------------------------------------------
OBJECTION_NOT_PUBLISHED = "选民名单尚未公布，还不能提出异议；名单公布后{days}日内可以提出。"
OBJECTION_FUTURE = "收到日期{day}晚于今天，请填写实际收到异议的日期。"
OBJECTION_BEFORE_PUBLISHED = "收到日期{day}早于名单公布日期{published}，请核对。"
OBJECTION_FILED_BY = "请填写提出异议的人。"
OBJECTION_CLAIM = "请写明异议的内容。"
OBJECTION_ALREADY_LISTED = "{name}已在选民名单上，无需提出“新增选民”的异议。"
OBJECTION_NOT_LISTED = "{name}不在选民名单上，“{kind}”只针对名单上的选民。"
OBJECTION_NOTHING_TO_CORRECT = "请写明要更正的内容：姓名、性别或村民小组至少一项。"
OBJECTION_SEX = "性别请填“男”或“女”。"
OBJECTION_LATE = "{message}本件异议已登记，不予受理（VC-REG-6）。"
OBJECTION_DECIDED = "这件异议已经处理（{status}），不能再次决定。"
OBJECTION_LATE_NO_DECISION = "这件异议因逾期不予受理，不再作出决定。"
DECISION_REASONS = "请写明决定的理由（将在补充公告中公布）。"
DECISION_FUTURE = "决定日期{day}晚于今天，请填写实际作出决定的日期。"
DECISION_BEFORE_RECEIVED = "决定日期{day}早于收到异议的日期{received}，请核对。"
DECISION_ADD_NOT_ELIGIBLE = (
    "{name}不符合登记条件，异议不能按成立处理：{reasons}如本人已表示参加选举或已提出申请并经"
    "会议同意，请先在“登记事项”中登记，再作出决定。"
)
DECISION_ADD_ELSEWHERE = "{where}异议不能按成立处理，须先由原登记村取消其登记。"
NOTICE_NOTHING = "没有待公布的异议处理决定。"
NOTICE_FUTURE = "公布日期{day}晚于今天，请在张贴公布后再登记。"
NOTICE_BEFORE_DECISION = "公布日期{day}早于最后一件决定的日期{decided}，请核对。"
NOTICE_ON_ELECTION_DAY = "处理结果须在选举日（{day}）前公布（VC-REG-6）。"

# --- voter cards (VC-REG-7) ---------------------------------------------------------------
CARDS_NOT_PUBLISHED = "选民名单公布后才能发放选民证。"
CARDS_NONE_TO_ISSUE = "名单上的选民都已发放选民证；遗失的请逐张补发。"
CARD_VOID = "选民证第{number}号已于{day}作废（{reason}），不能再补发。"
CARD_REASON = "请写明补发的原因（如：遗失、损毁）。"
CARD_VOTER_REMOVED = "{name}已不在选民名单上，不能补发选民证。"

# --- 四增四减 -------------------------------------------------------------------------------
PREVIOUS_IN_SYSTEM = "本系统中已有上届选民名单（{year}年），四增四减按它计算，无需导入。"
PREVIOUS_FILE_EMPTY = "文件中没有身份证号。请使用第一行为表头、含“身份证号”一列的 xlsx 文件。"
PREVIOUS_FILE_UNREADABLE = (
    "文件无法读取：请上传 Excel 的 .xlsx 文件（第一行为表头，含“身份证号”一列）。"
)
PREVIOUS_NO_COLUMN = "第一行没有“身份证号”一列，请按模板填写表头。"
PREVIOUS_BAD_ROWS = "文件中有{count}个身份证号有误，未导入：{rows}。请改正后重新上传。"
PREVIOUS_DAY = "上届选举日{day}应早于本届选举日{now}。"
