// Reports charts: every element with data-qy-chart="<key>" becomes an ECharts chart drawn from the JSON that the
// page embeds (json_script "qy-report-charts"). CSP forbids inline script, so this file does the wiring.
(function () {
  "use strict";

  function optionFor(spec) {
    var percent = Boolean(spec.percent);
    var series = spec.series.map(function (s) {
      var item = { name: s.name, type: spec.type === "line" ? "line" : "bar", data: s.data, connectNulls: true };
      if (spec.stack) { item.stack = "total"; }
      if (item.type === "bar") { item.barMaxWidth = 36; }
      return item;
    });
    return {
      animation: false,
      color: ["#1565c0", "#ef6c00", "#2e7d32", "#b71c1c", "#6a1b9a", "#455a64"],
      tooltip: { trigger: "axis", valueFormatter: percent ? function (v) { return v == null ? "—" : v + "%"; } : undefined },
      legend: { show: series.length > 1, top: 0 },
      grid: { left: 8, right: 16, top: series.length > 1 ? 32 : 12, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: spec.categories, axisLabel: { interval: 0, hideOverlap: true } },
      yAxis: { type: "value", minInterval: percent ? undefined : 1, max: percent ? 100 : undefined },
      series: series,
    };
  }

  function draw() {
    var source = document.getElementById("qy-report-charts");
    if (!source || typeof window.echarts === "undefined") { return; }
    var specs = JSON.parse(source.textContent);
    var charts = [];
    document.querySelectorAll("[data-qy-chart]").forEach(function (element) {
      var spec = specs[element.getAttribute("data-qy-chart")];
      if (!spec || !spec.categories || spec.categories.length === 0) {
        element.classList.add("d-none");  // the table below says "nothing recorded"
        return;
      }
      var chart = window.echarts.init(element, null, { renderer: "svg" });
      chart.setOption(optionFor(spec));
      charts.push(chart);
    });
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
