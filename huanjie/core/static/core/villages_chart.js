// The home page's bar chart: villages per township (data from json_script, no network).
(function () {
  "use strict";
  var node = document.getElementById("hj-villages-chart");
  var source = document.getElementById("hj-villages-data");
  if (!node || !source || !window.echarts) { return; }
  var data = JSON.parse(source.textContent);
  var chart = window.echarts.init(node, null, { renderer: "svg" });
  var many = data.length > 12;
  chart.setOption({
    textStyle: { fontFamily: '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif' },
    grid: { left: 8, right: 16, top: 16, bottom: many ? 56 : 8, containLabel: true },
    tooltip: { trigger: "axis", formatter: function (p) { return p[0].name + "：" + p[0].value + " 个村（社区）"; } },
    xAxis: {
      type: "category",
      data: data.map(function (d) { return d.name; }),
      axisLabel: { interval: 0, rotate: data.length > 5 ? 30 : 0 }
    },
    yAxis: { type: "value", minInterval: 1 },
    dataZoom: many ? [{ type: "slider", start: 0, end: Math.round(1200 / data.length) }] : [],
    series: [{
      type: "bar",
      data: data.map(function (d) { return d.value; }),
      itemStyle: { color: "#a61b1b" },
      label: { show: true, position: "top" },
      barMaxWidth: 48
    }]
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
