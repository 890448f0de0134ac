// The progress dashboard's charts (data from json_script, no network): a click on a bar or on
// a category's name, or on a table row, opens the region below (or the village).
(function () {
  "use strict";
  var source = document.getElementById("hj-progress-data");
  document.querySelectorAll("tr[data-href]").forEach(function (row) {
    row.classList.add("hj-clickable");
    row.addEventListener("click", function (event) {
      if (event.target.closest("a")) { return; }
      window.location.href = row.getAttribute("data-href");
    });
  });
  if (!source || !window.echarts) { return; }
  var data = JSON.parse(source.textContent);
  var font = '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif';
  var narrow = window.matchMedia("(max-width: 576px)").matches;
  var many = data.names.length > 8;
  var charts = [];

  function base(extra) {
    var option = {
      textStyle: { fontFamily: font },
      legend: { top: 0, type: "scroll" },
      grid: { left: 8, right: 16, top: 36, bottom: many ? 48 : 8, containLabel: true },
      // Drawn on the canvas: an HTML tooltip carries style attributes the CSP refuses.
      tooltip: { trigger: "axis", renderMode: "richText", axisPointer: { type: "shadow" } },
      xAxis: {
        type: "category",
        data: data.names,
        triggerEvent: true,
        axisLabel: { interval: 0, rotate: (narrow || data.names.length > 5) ? 30 : 0 }
      },
      yAxis: { type: "value", minInterval: 1 },
      dataZoom: many ? [{ type: "slider", height: 16, bottom: 4, start: 0, end: Math.round(800 / data.names.length) }] : []
    };
    Object.keys(extra).forEach(function (key) { option[key] = extra[key]; });
    return option;
  }

  function open(params) {
    var index = params.componentType === "xAxis" ? data.names.indexOf(params.value) : params.dataIndex;
    if (index >= 0 && data.links[index]) { window.location.href = data.links[index]; }
  }

  function draw(id, option) {
    var node = document.getElementById(id);
    if (!node) { return; }
    var chart = window.echarts.init(node, null, { renderer: "canvas" });
    chart.setOption(option);
    chart.on("click", open);
    charts.push(chart);
  }

  var bodyColors = ["#a61b1b", "#1f5fa6", "#2e8b57", "#b8860b"];
  draw("hj-chart-bodies", base({
    yAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
    tooltip: {
      trigger: "axis", renderMode: "richText", axisPointer: { type: "shadow" },
      formatter: function (items) {
        var lines = [items[0].name];
        items.forEach(function (p) {
          var body = data.bodies[p.seriesIndex];
          lines.push(body.name + "：" + body.complete[p.dataIndex] + " / " + body.planned[p.dataIndex] + " 个村（" + p.value + "%）");
        });
        return lines.join("\n");
      }
    },
    series: data.bodies.map(function (body, i) {
      return { name: body.name, type: "bar", data: body.percent, itemStyle: { color: bodyColors[i] }, barMaxWidth: 24 };
    })
  }));

  function stacked(name, values, color) {
    return { name: name, type: "bar", stack: "risk", data: values, itemStyle: { color: color }, barMaxWidth: 40 };
  }
  draw("hj-chart-risk", base({
    series: [
      stacked("红色", data.red, "#c0392b"),
      stacked("橙色", data.orange, "#e67e22"),
      stacked("绿色", data.green, "#27ae60"),
      stacked("未列入计划", data.unplanned, "#adb5bd")
    ]
  }));

  function bars(name, values, color) {
    return { name: name, type: "bar", data: values, itemStyle: { color: color }, barMaxWidth: 32, label: { show: !many && !narrow, position: "top" } };
  }
  draw("hj-chart-prep", base({
    series: [
      bars("有逾期任务的村", data.overdue, "#c0392b"),
      bars("准备就绪的村", data.ready, "#2e8b57"),
      bars("选民名单已公布的村", data.published, "#1f5fa6")
    ]
  }));

  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
