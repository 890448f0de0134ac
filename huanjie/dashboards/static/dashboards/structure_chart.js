// The new committees' structure per region (data from json_script, no network): a click on a
// bar opens that region's villages for the bar's figure (or, below a township, the village).
(function () {
  "use strict";
  var source = document.getElementById("hj-structure-data");
  var node = document.getElementById("hj-chart-structure");
  document.querySelectorAll("tr[data-figure-row]").forEach(function (row) {
    row.classList.add("hj-clickable");
    row.addEventListener("click", function (event) {
      if (event.target.closest("a")) { return; }
      window.location.href = row.getAttribute("data-href");
    });
  });
  if (!source || !node || !window.echarts) { return; }
  var data = JSON.parse(source.textContent);
  var narrow = window.matchMedia("(max-width: 576px)").matches;
  var many = data.names.length > 8;
  var colors = ["#1f5fa6", "#2e8b57", "#c2185b", "#b8860b", "#6a4c93"];
  var chart = window.echarts.init(node, null, { renderer: "canvas" });
  chart.setOption({
    textStyle: { fontFamily: '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif' },
    legend: { top: 0, type: "scroll" },
    grid: { left: 8, right: 16, top: 36, bottom: many ? 48 : 8, containLabel: true },
    // Drawn on the canvas: an HTML tooltip carries style attributes the CSP refuses.
    tooltip: {
      trigger: "axis", renderMode: "richText", axisPointer: { type: "shadow" },
      formatter: function (items) {
        var lines = [items[0].name];
        items.forEach(function (p) {
          lines.push(p.seriesName + "：" + (p.value === null || p.value === undefined ? "暂无" : p.value + "%"));
        });
        return lines.join("\n");
      }
    },
    xAxis: {
      type: "category", data: data.names, triggerEvent: true,
      axisLabel: { interval: 0, rotate: (narrow || data.names.length > 5) ? 30 : 0 }
    },
    yAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
    dataZoom: many ? [{ type: "slider", height: 16, bottom: 4, start: 0, end: Math.round(800 / data.names.length) }] : [],
    series: data.series.map(function (s, i) {
      return { name: s.name, type: "bar", data: s.values, itemStyle: { color: colors[i % colors.length] }, barMaxWidth: 18 };
    })
  });
  chart.on("click", function (params) {
    var index = params.componentType === "xAxis" ? data.names.indexOf(params.value) : params.dataIndex;
    var series = data.series[params.componentType === "xAxis" ? 0 : params.seriesIndex];
    if (index >= 0 && series && series.links[index]) { window.location.href = series.links[index]; }
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
