"""User-facing Chinese messages of the register, people and relations (what is wrong, what to do).

Messages never contain a full ID number: reports are shown to roles that may only see it masked.
"""

from __future__ import annotations

# --- the file as a whole -------------------------------------------------------------------
FILE_EMPTY = "文件是空的，没有任何内容。请使用“下载模板”得到的表格填写后再上传。"
FILE_NO_DATA = "表格只有表头，没有人员数据。请从第2行起每人填写一行后再上传。"
FILE_NOT_SPREADSHEET = (
    "无法识别文件格式：请上传 Excel 表格（.xlsx）或 CSV 文件（UTF-8 或 GB18030 编码）。"
    "如果是 .doc、.pdf 或图片，请先按模板整理成表格。"
)
FILE_UNREADABLE = "Excel 文件已损坏或加了密码，无法读取：请在 Excel 中打开后“另存为” .xlsx 再上传。"
FILE_NO_HEADER = (
    "没有找到表头：第一行非空内容应是列名（户号、村民小组、姓名……）。"
    "请使用“下载模板”得到的表格，不要删除表头行。"
)
FILE_MISSING_COLUMNS = "表头缺少以下列：{columns}。请使用“下载模板”得到的表格，或补上这些列名。"
FILE_DUPLICATE_COLUMNS = (
    "表头中以下列名出现了不止一次：{columns}。每一列只能出现一次，请删除多余的列。"
)

# --- one cell ---------------------------------------------------------------------------------
CELL_REQUIRED = "“{column}”不能为空，请填写。"
CELL_TOO_LONG = "“{column}”最多{limit}个字，现有{length}个字，请缩短。"
CELL_CHOICE = "“{value}”不是可选的{column}，请从下列选项中选择：{choices}。"
CELL_YES_NO = "“{column}”只能填“是”或“否”，现为“{value}”。"
TAG_UNKNOWN = "标签“{value}”无法识别，可选标签：{choices}（多个标签用；或、分隔）。"
ID_AS_NUMBER = (
    "身份证号被 Excel 存成了数字，后几位已经丢失。请把“身份证号”列设为“文本”格式，"
    "然后按证件重新录入这一格。"
)
PHONE_INVALID = "联系电话只能包含数字、空格和“-”，请核对后重新填写。"
SEX_MISMATCH = "性别填写为“{sex}”，但身份证号第17位表示{id_sex}性。请核对性别或身份证号。"

# --- across rows and against the database -----------------------------------------------------
DUPLICATE_ID = "与第{first}行的身份证号重复，同一人只能登记一次。请删除重复的行或核对号码。"
DUPLICATE_ID_EARLIER = "与前面登记的另一人身份证号相同，同一人只能登记一次，请核对号码。"
ID_IN_OTHER_VILLAGE = (
    "此人已在{village}登记。一人只能在一个村（社区）登记（VC-REG-3）；"
    "若已迁入本村，请先由原村办理移出后再导入。"
)
# When the reader's scope does not cover the other village, it is not named.
ID_IN_TOWNSHIP_VILLAGE = (
    "此人已在本乡镇（街道）的另一个村（社区）登记。一人只能在一个村（社区）登记（VC-REG-3）；"
    "请联系乡镇（街道）选举工作人员核实后处理。"
)
ID_IN_COUNTY_VILLAGE = (
    "此人已在本乡镇以外的村登记。一人只能在一个村（社区）登记（VC-REG-3）；"
    "请联系县级选举办公室核实后处理。"
)
ID_OUTSIDE_COUNTY = (
    "此人已在本县以外的村（社区）登记。一人只能在一个村（社区）登记（VC-REG-3）；"
    "请联系县级选举办公室核实后处理。"
)
ID_IN_THIS_VILLAGE = "此人已在本村第{number}户登记，请删除这一行，不要重复导入。"
HOUSEHOLD_EXISTS = (
    "户号“{number}”已在本村登记。新的一户请换一个户号；"
    "要给这一户添加成员，请打开这一户的页面点击“添加成员”。"
)
HOUSEHOLD_TWO_GROUPS = (
    "户号“{number}”在第{first}行属于“{group}”，这里却填了“{other}”。"
    "同一户只能属于一个村民小组，请统一。"
)
HOUSEHOLD_NO_HEAD = "户号“{number}”没有户主。每户必须有且只有一名“户主”，请在与户主关系一列注明。"
HOUSEHOLD_MANY_HEADS = (
    "户号“{number}”有{count}名户主（第{rows}行）。每户只能有一名户主，其他人请改为与户主的关系。"
)
HOUSEHOLD_NO_MEMBERS = "户号“{number}”没有成员，请至少登记户主一人。"
GROUP_MISSING = "村民小组“{name}”不属于{village}，请选择本村的村民小组。"

# --- a later import: what it changes (the preview) -----------------------------------------------
IMPORT_PERSON_DECEASED = (
    "此人已于{on}登记为死亡。如果那次登记有误，请先在此人的页面点击“恢复在册”，再重新上传；"
    "否则请删除这一行。"
)
IMPORT_PERSON_DECEASED_ELSEWHERE = (
    "此人在另一个村（社区）已登记为死亡，不能登记到本村。请核对身份证号；"
    "如那次登记有误，请联系乡镇（街道）选举工作人员更正。"
)
IMPORT_HEAD_LEAVES_HOUSEHOLD = (
    "{name}是户号“{old}”的户主，文件把此人列在户号“{new}”，"
    "户号“{old}”的其他{others}人不在文件中，这一户将没有户主。"
    "请在文件中一并列出户号“{old}”的全部成员并注明新的户主，"
    "或在预览页改为“文件是全村完整的户籍登记”。"
)
PREVIEW_RETURNED = "{on}登记迁出，现在重新在册"
PREVIEW_MOVED_IN = "原在{village}，{on}已从那里迁出"
PREVIEW_OTHER_VILLAGE = "外村（社区）"
PREVIEW_LEAVING = "不在文件中，将登记为已迁出"
IMPORT_LEAVING_NOTE = "重新导入户籍登记表“{file}”时不在表中（第{id}次导入）"
IMPORT_COVERAGE_UNKNOWN = "请选择文件的范围：“只更新文件中列出的户”或“文件是全村完整的户籍登记”。"
IMPORT_PREVIEW_CHANGED = (
    "预览之后系统中的户籍有了变化，导入没有执行。已按最新数据重新生成预览，请再核对一遍后确认。"
)
IMPORT_NOT_RECHECKABLE = (
    "这份文件现在不能重新生成预览（当前状态：{status}）。正在校验或导入时请等待完成；"
    "已导入的文件如需再次更新，请重新上传。"
)
IMPORT_NOT_DISMISSABLE = "只有未通过校验或未确认的导入可以从列表中移除；已导入的记录需要保留。"
IMPORT_FILE_REQUIRED = "请先选择要上传的户籍登记表：点击“选择文件”，选中填好的 .xlsx 或 .csv 文件，再点击“上传并校验”。"
FILE_DAMAGED = (
    "文件“{name}”已损坏，无法作为 Excel 表格打开（可能没有下载或复制完整）。"
    "请在 Excel 中打开原表格，“另存为” .xlsx 后重新上传。"
)

# --- people and relations -----------------------------------------------------------------------
ID_CHANGE_TAKEN = "身份证号已被{village}的另一人使用，请核对号码。"
PERSON_FIELD_UNKNOWN = "人员信息“{field}”不能在这里修改，可修改的有：{allowed}。"
PERSON_NAME_REQUIRED = "姓名不能为空，请填写。"
RELATION_SELF = "不能登记一个人与自己的亲属关系，请选择两个不同的人。"
RELATION_EXISTS = "{a}与{b}的“{kind}”关系已经登记，无需重复登记。"
RELATION_EXISTS_PENDING = (
    "{a}与{b}的“{kind}”关系已由户籍推导、等待确认：请在近亲属列表中直接点“确认”，无需再登记。"
)
RELATION_EXISTS_REJECTED = (
    "{a}与{b}的“{kind}”关系曾被否定（理由：{reason}）。如否定有误，请先点“撤销否定”再确认。"
)
RELATION_KIND_UNKNOWN = "关系“{kind}”无法识别，可选：配偶、父母子女、兄弟姐妹、祖孙。"
RELATION_ALREADY_CONFIRMED = "这条关系已于{when}确认，无需再次确认。"
RELATION_ELDER_NOT_PARTY = "所选的长辈不是这条关系中的两人之一，请从这两人中选择。"
RELATION_BASIS_REQUIRED = (
    "请填写依据：这条关系凭什么登记，如结婚证、出生医学证明、户口簿、村民证实。"
)
RELATION_REASON_REQUIRED = (
    "请写明否定的理由（如“实为继子女”“户籍登记的与户主关系有误”），理由会保存在记录中。"
)
RELATION_TEXT_TOO_LONG = "{what}最多{limit}个字，现有{length}个字，请缩短。"
RELATION_REJECTED_ALREADY = (
    "这条关系已于{when}被否定（理由：{reason}）。如否定有误，请先点“撤销否定”。"
)
RELATION_REJECT_CONFIRMED = (
    "这条关系已于{when}确认，不能直接否定。如确认有误，请先点“撤销确认”，再否定并写明理由。"
)
RELATION_REJECT_DECLARED = "这条关系是村选委会登记的，不能否定；如登记有误，请删除这条登记。"
RELATION_REOPEN_PENDING = "这条关系还在待确认，无需撤销。"
RELATION_REOPEN_DECLARED = "村选委会登记的关系不能撤销为待确认；如登记有误，请删除这条登记。"
RELATION_REMOVE_DERIVED = (
    "由户籍推导的关系不能删除（户籍再次推导时会重新出现）。如这条关系不成立，请点“否定”并写明理由。"
)
RELATIONS_NONE_PENDING = "本户没有待确认的近亲属关系。"
RELATION_ELDER_REQUIRED = "“{kind}”关系要指明谁是长辈（父母或祖父母一方），请选择。"
RELATION_NOT_FOUND = "找不到这条近亲属关系，或它不在您的管辖范围内。请从人员或户的页面重新进入。"
RELATION_OTHER_REQUIRED = "请先按姓名查找，再从结果中选择亲属。"
RELATION_OTHER_UNKNOWN = "所选的亲属不是本村（社区）登记的人员，请按姓名重新查找后选择。"
NOT_A_RELATION_KEEPER = (
    "您的角色不能修改近亲属关系。近亲属关系由本村村民选举委员会核对、确认和登记，"
    "请联系村选委会办理。"
)

# --- the party roll -------------------------------------------------------------------------------
PARTY_ORG_NAME_TAKEN = "“{village}”已有名为“{name}”的党组织，请换一个名称。"
PARTY_ORG_KIND_UNKNOWN = "党组织类型“{kind}”无法识别，请选择党支部、党总支或党委。"
PARTY_ORG_OTHER_VILLAGE = "{name}不是{organization}所在村的村民，请先核对此人登记的村。"
MEMBERSHIP_STATUS_UNKNOWN = "党员类别“{status}”无法识别，请选择正式党员或预备党员。"
MEMBERSHIP_PROBATION_FULL_ONLY = "只有正式党员才会受留党察看处分，预备党员请清空“留党察看期满”。"

# --- the import's life cycle ------------------------------------------------------------------------
IMPORT_NOT_VALIDATED = (
    "这份文件还没有通过校验（当前状态：{status}），不能导入。请先修正错误后重新上传。"
)
IMPORT_CHANGED_SINCE_PREVIEW = (
    "预览之后系统中的数据有了变化，重新校验发现了错误，未导入任何数据。请查看下面的错误报告。"
)
IMPORT_FILE_TOO_LARGE = "文件超过{limit}MB，请分村民小组拆成几个文件分别导入。"

# --- the file's size and shape, and reading it safely -------------------------------------------
FILE_RANGE_DECLARED_TOO_LARGE = (
    "表格声明的范围为 {range}，超出户籍登记表允许的范围（最多{rows}行、{columns}列）。"
    "请删除多余的行列后重新上传。"
)
FILE_RANGE_USED_TOO_LARGE = (
    "表格在 {cell} 单元格还有内容，超出户籍登记表允许的范围（最多{rows}行、{columns}列）。"
    "请删除多余的行列后重新上传。"
)
FILE_TOO_MANY_ROWS = (
    "表格有{count}行，超出户籍登记表允许的{limit}行。请按村民小组拆成几个文件分别导入。"
)
FILE_UNPACKED_TOO_LARGE = (
    "这份 Excel 文件解压后超过{limit}MB，远大于一份户籍登记表。"
    "请删除多余的工作表、图片和空白行列，另存为新的 .xlsx 后重新上传。"
)
FILE_READ_CRASHED = (
    "读取这份表格时超出了内存限制或读取程序意外退出，未导入任何数据。"
    "请在 Excel 中删除多余的空白行列和工作表，另存为新的 .xlsx 后重新上传；"
    "如仍失败，请把这份文件交给系统管理员。"
)
FILE_READ_TIMEOUT = (
    "读取这份表格超过了{limit}秒，已停止，未导入任何数据。"
    "请删除多余的空白行列和工作表，或按村民小组拆成几个文件后重新上传。"
)

# --- a worker that died, and the files kept -----------------------------------------------------
IMPORT_INTERRUPTED = "导入进程意外中断（可能是服务器重启），没有写入任何数据。请点击“重新导入”。"
IMPORT_NOT_RETRYABLE = "这份文件没有中断的导入可以重新开始。请查看本页的状态。"
IMPORT_FILE_PURGED = (
    "上传的文件已按保存期限（{days}天）删除，不能再重新导入。请重新上传这份户籍登记表。"
)

# --- exports of the register ------------------------------------------------------------------
EXPORT_INTERRUPTED = (
    "生成导出文件时后台任务进程意外中断（可能是服务器重启）。请在本页点“重新导出”。"
)
EXPORT_CRASHED = "生成导出文件时出现系统错误。请稍后重新导出；如仍失败，请联系系统管理员。"
EXPORT_NOT_READY = "导出文件尚未生成完毕，请在本页等待进度完成后再下载。"
EXPORT_FILE_PURGED = "导出文件已按保存期限（{days}天）删除。如仍需要，请在本页点“重新导出”。"
# A role that reads the register masked (a village party organization) may not take it away.
EXPORT_REFUSED = (
    "您的角色不能导出本村户籍登记：导出文件含完整身份证号。"
    "导出由村选委会、包村干部、乡镇组织委员、县换届办或系统管理员办理，请联系他们。"
)

# --- keeping the register by hand (households, members, leaving and coming back) ---------------
HOUSEHOLD_NUMBER_REQUIRED = "户号不能为空，请填写本户在户籍簿上的户号。"
HOUSEHOLD_NUMBER_TOO_LONG = "户号最多{limit}个字符，现有{length}个，请缩短。"
HOUSEHOLD_NUMBER_TAKEN = "户号“{number}”已是本村另一户的户号，请换一个户号或核对户籍簿。"
VALUE_TOO_LONG = "“{column}”最多{limit}个字，现有{length}个字，请缩短。"
HEAD_EXISTS = (
    "本户已有户主{head}，一户只能有一名户主。请为此人选择与户主{head}的关系；"
    "如确需由此人担任户主，请先以其他关系登记，再用“更换户主”。"
)
HOUSEHOLD_NEEDS_HEAD = (
    "本户现在没有在册的户主。请先登记户主（与户主关系选“户主”），再登记其他成员。"
)
ID_ACTIVE_HERE = (
    "此身份证号已登记在本村第{number}户（{name}），不能重复登记。"
    "如需把此人调到这一户，请打开此人的页面，点击“迁到本村其他户”。"
)
ID_LEFT_HERE = (
    "此身份证号的人员（{name}）曾在本村登记，现为“{status}”。如果是登记错误，"
    "请打开此人的页面点击“恢复在册”，需要时再用“迁到本村其他户”调到这一户。"
)
ID_DECEASED = (
    "此身份证号的人员已登记死亡，不能再登记。请核对号码；"
    "如死亡登记有误，请联系原登记村（社区）的村民选举委员会恢复在册。"
)
ID_TAKEN_HERE = "身份证号已被本村第{number}户的{name}使用，一人只能登记一次，请核对号码。"
RELATION_REQUIRED = "请选择与户主关系。"
RELATION_WITHOUT_HOUSEHOLD = (
    "此人还没有编入任何一户，不能填写与户主关系。请先用“迁到本村其他户”把此人编入一户。"
)
HEAD_CANNOT_STEP_DOWN = (
    "{name}是本户户主，不能在这里改为其他关系。请用本户的“更换户主”另选户主，"
    "同时为{name}选择与新户主的关系。"
)
HEAD_ALONE = "{name}是本户唯一在册的成员，只能登记为户主。"
SECOND_HEAD = (
    "本户已有户主{head}，不能再把{name}改为户主。如需由{name}担任户主，请用本户的“更换户主”。"
)
NEW_HEAD_NOT_MEMBER = "{name}不是本户在册的成员，户主只能从本户在册的成员中选定。"
NEW_HEAD_ALREADY = "{name}已经是本户户主，无需更换。"
FORMER_HEAD_RELATION = "请为原户主{name}选择与新户主的关系（不能再是“户主”）。"
OTHER_RELATION_NOT_MEMBER = "所列人员不是本户在册的成员，请刷新页面后重新填写。"
OTHER_RELATION_HEAD = "{name}不能也是户主：一户只能有一名户主，请为{name}选择与新户主的关系。"
PERSON_NOT_ON_REGISTER = (
    "{name}已{status}，不在册，不能办理这项变更。如果是登记错误，请先点击“恢复在册”。"
)
MOVE_OTHER_VILLAGE = "只能迁到本村（社区）的其他户；迁往外村请登记“迁出”，由迁入村添加。"
MOVE_SAME_HOUSEHOLD = "{name}已在第{number}户，请选择另一户。"
HEAD_MUST_STAY = (
    "{name}是本户户主，户内还有{others}等在册成员。请先用本户的“更换户主”另选户主，再{action}。"
)
TARGET_NEEDS_HEAD = (
    "第{number}户现在没有在册的户主，迁入的人只能登记为户主，请把与户主关系选为“户主”。"
)
TARGET_HAS_HEAD = (
    "第{number}户已有户主{head}，一户只能有一名户主。请为{name}选择与户主{head}的关系。"
)
LEAVE_STATUS_UNKNOWN = "请选择“已迁出”或“已死亡”。"
LEAVE_DATE_REQUIRED = "请填写{status}的日期。"
LEAVE_DATE_FUTURE = "日期不能晚于今天（{today}）。尚未发生的迁出或死亡请到时再登记。"
LEAVE_DATE_BEFORE_BIRTH = "日期不能早于此人的出生日期（{birth}），请核对。"
NOTE_TOO_LONG = "说明最多{limit}个字，现有{length}个字，请缩短。"
ALREADY_ON_REGISTER = "{name}在册，无需恢复。"
RETURN_HEAD_TAKEN = (
    "{name}原是本户户主，现在本户的户主是{head}。请先在“修改人员信息”中把{name}的"
    "与户主关系改为与{head}的关系，再恢复在册。"
)
RETURN_NEEDS_HEAD = (
    "本户现在没有在册的成员。{name}恢复在册后将是本户唯一的成员：请先在“修改人员信息”中"
    "把{name}的与户主关系改为“户主”，再恢复在册。"
)
NOT_A_KEEPER = "您的角色不能修改户籍登记。户籍由本村村民选举委员会登记和维护，请联系村选委会办理。"
