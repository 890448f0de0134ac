"""User-facing Chinese of the party election's roll, exclusions and registration."""

from __future__ import annotations

# Who may do what (domain.md §1).
NOT_A_ROLL_KEEPER = (
    "党员名册由村党组织维护：只有本村党组织的账号可以把党员登记入册；其他角色只能查看。"
)
NOT_AN_EXCLUDER = (
    "不列入应到会人数由村党组织提出并提请党员大会通过：只有本村党组织的账号可以登记或撤回；"
    "其他角色只能查看。"
)
NOT_A_CONSENT_RECORDER = (
    "上级党组织同意由乡镇组织委员登记，或由村党组织凭上级的书面同意文件登记；其他角色只能查看。"
)
NOT_A_REGISTRAR = (
    "党员选举登记由村党组织办理：只有本村党组织的账号可以登记或撤销；其他角色只能查看。"
)

# The election the roll belongs to.
NO_ELECTION = (
    "{village}本届换届还没有建立村党组织选举，不能登记不列入应到会人数或选举登记；"
    "请乡镇先在换届计划中建立村党组织选举。"
)
ELECTION_CLOSED = "{village}村党组织选举{status}，不列入应到会人数和选举登记已不能再改。"

# Members.
NOT_ON_ROLL = "{name}不在{village}党组织的党员名册中；请先把他（她）登记入册。"
NOT_ON_REGISTER = "{name}已{status}，不在户籍登记中，不计入本村党员；请办理组织关系转出。"
NO_RIGHTS = "{name}在{on}没有表决权（{reason}），本来就不计入应到会人数，不需要登记不列入。"
ALREADY_EXCLUDED = "{name}已提出不列入应到会人数（{ground}）；要改情形，请先撤回原来的一条。"
GROUND_UNKNOWN = "情形“{ground}”无法识别，可选：{choices}。"
FLOATING_ONLY = (
    "{name}在党员名册中不是流动党员，不能按“流动党员外出不能参加”不列入；"
    "请先在党员名册中把此人改为流动党员（点姓名旁的“修改”），或选择其他情形。"
)
DETAIL_REQUIRED = "请写明具体情况（如“2025年9月起赴澳大利亚自费留学”），党员大会表决时要宣读。"
TEXT_TOO_LONG = "{what}最多{limit}个字，现为{length}个字，请精简。"

# Approvals.
DAY_IN_FUTURE = "{what}{day}在今天（{today}）之后；请在同意或通过之后再登记。"
DAY_AFTER_ELECTION = "{what}{day}在选举日{election_day}之后，须在选举日或之前，请核对日期。"
APPROVER_REQUIRED = "请写明同意的上级党组织（如“中共鹤溪街道工作委员会”）。"
DOCUMENT_REQUIRED = "村党组织登记上级同意，须写明上级的书面同意文件或文号，以备核查。"
ALREADY_CONSENTED = "{name}不列入应到会人数已于{day}经{approver}同意，不能重复登记。"
ALREADY_PASSED = "{name}不列入应到会人数已于{day}经党员大会通过，不能重复登记。"
WITHDRAWN = "这条不列入应到会人数已于{day}撤回，不能再登记同意或撤回；如仍需不列入，请重新提出。"
REASON_REQUIRED = "请写明撤回的理由（如“本人已回村，能参加选举”）。"

# Registration (SEED-PB-REG).
ALREADY_REGISTERED = "{name}已于{day}参加选举登记，不需要重复登记。"
NOT_REGISTERED = "{name}没有参加选举登记，无需撤销。"
METHOD_UNKNOWN = "登记方式“{method}”无法识别，可选：{choices}。"
REGISTERED_IN_FUTURE = "登记日期{day}在今天（{today}）之后，请按实际登记的日期填写。"

# Entering a member known only from the register's 政治面貌 on the roll.
ALREADY_ON_ROLL = "{name}已在党员名册中。"
NOT_A_MEMBER_BY_REGISTER = (
    "{name}在户籍登记中的政治面貌是“{status}”，不是党员；党员名册只登记正式党员和预备党员。"
)
NO_ORGANIZATION = "{village}还没有建立村党组织，请联系乡镇先建立党组织，再登记党员。"
ORGANIZATION_OTHER = "所选党组织不是{village}的党组织，请重新选择。"
JOINED_IN_FUTURE = "入党时间{day}在今天之后，请按实际入党的日期填写，不清楚可以不填。"
