"""User-facing Chinese messages of the holiday table."""

from __future__ import annotations

MISSING_COLUMNS = "缺少列：{columns}。第一行应为表头：日期、类型、名称。"
NO_ROWS = "文件中没有节假日数据。请在表头下逐行填写日期、类型（放假/调休上班）和名称。"
UNREADABLE_FILE = "无法读取文件“{name}”：{reason}。请上传 .xlsx 或 .csv 文件。"
UNSUPPORTED_FILE = "不支持的文件类型“{name}”。请上传 .xlsx 或 .csv 文件。"
BAD_DATE = "日期“{value}”无法识别，请写成 2027-05-01 这样的格式。"
UNKNOWN_KIND = "类型“{value}”无法识别，只能填“放假”或“调休上班”。"
EMPTY_NAME = "名称为空，请填写节日名称，例如“劳动节”。"
NAME_TOO_LONG = "名称过长（{length}个字，最多{limit}个字），请只填节日名称，例如“劳动节”。"
DUPLICATE_DATE = "日期 {date} 与第{other}行重复，请删除其中一行。"
MAKEUP_ON_WEEKDAY = "{date} 是{weekday}，本来就是工作日，不能登记为调休上班；请核对日期或类型。"
YEAR_COMPLETE = (
    "{year}年的节假日安排已完整录入。如需用本文件替换，请勾选“替换已录入的年份”后重新导入。"
)
ROW_PREFIX = "第{row}行：{message}"
IMPORT_REFUSED = "节假日安排未导入，请改正以下问题后重新上传（未写入任何数据）："
IMPORT_DONE = "已导入{year}年的节假日安排，共{days}天"
IMPORT_DONE_NEIGHBOURS = "另有{year}年的{days}天已逐日录入（该年其余日期不变）"

WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
