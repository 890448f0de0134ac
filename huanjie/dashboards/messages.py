"""The dashboards' refusals, in the words an officer reads."""

FIGURE_NOT_FOUND = "没有这项统计指标。请从进度统计页面的“新一届班子结构”表中点击指标查看各村情况。"
NO_TERM = "这里的村（社区）还没有进行中的换届，暂无可导出的统计表。请在换届办建立换届、乡镇为各村建立计划后再导出。"
IMPORT_NOT_ALLOWED = "只有县（市、区）换届办可以导入上届班子结构。如需导入，请联系换届办。"
FILE_TOO_LARGE = "文件超过5MB。请只保留模板中的一张表后重新上传。"
