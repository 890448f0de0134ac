"""The dashboards' refusals, in the words an officer reads."""

FIGURE_NOT_FOUND = "没有这项统计指标。请从进度统计页面的“新一届班子结构”表中点击指标查看各村情况。"
NO_TERM = "这里的村（社区）还没有进行中的换届，暂无可导出的统计表。请在换届办建立换届、乡镇为各村建立计划后再导出。"
