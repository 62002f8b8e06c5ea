/**
 * History's weekly-check panel: each activity's score (0–10) week by week, as an SVG line chart
 * with a legend, and every check's scores as a table for screen readers and for reading.
 */
import { h } from "../../lib/dom.js";
import { byTakenAt, SCORE_MAX } from "../../function-check/function-check-plan.js";
import { functionChart, functionSummary } from "../../function-check/function-check-chart.js";
import { dayLabel, linePath } from "../../log/history-stats.js";
import { chartAxis, svg } from "./pain-chart.js";

/** A circle, a square, a triangle: the lines differ in shape and dash, not only in colour. */
function marker(index, x, y, title) {
  const hint = title ? svg("title", {}, title) : null;
  if (index === 0) return svg("circle", { class: "chart-marker", cx: x, cy: y, r: 4.5 }, hint);
  if (index === 1) return svg("rect", { class: "chart-marker", x: x - 4.5, y: y - 4.5, width: 9, height: 9 }, hint);
  return svg(
    "path",
    { class: "chart-marker", d: `M${x} ${y - 5.5}L${x + 5.5} ${y + 4.5}L${x - 5.5} ${y + 4.5}Z` },
    hint,
  );
}

function chartSvg(chart) {
  return svg(
    "svg",
    {
      class: "pain-chart-svg",
      viewBox: `0 0 ${chart.width} ${chart.height}`,
      role: "img",
      "aria-label": functionSummary(chart),
    },
    chartAxis(chart),
    chart.lines.map((line, index) =>
      svg(
        "g",
        { class: `chart-series chart-series-${index}` },
        svg("path", { class: "chart-line", d: linePath(line.points) }),
        line.points.map((point) => marker(index, point.x, point.y, `${line.name}, ${point.label}: ${point.value}`)),
      ),
    ),
  );
}

function legend(chart) {
  return h(
    "ul",
    { class: "chart-legend" },
    chart.lines.map((line, index) =>
      h(
        "li",
        {},
        svg(
          "svg",
          { class: `legend-sample chart-series-${index}`, viewBox: "0 0 36 14", "aria-hidden": "true" },
          svg("path", { class: "chart-line", d: "M2 7H34" }),
          marker(index, 18, 7, null),
        ),
        line.name,
      ),
    ),
  );
}

/** Every check, newest first: its date, then each activity with its score. */
function checksTable(checks) {
  return h(
    "details",
    { class: "pain-table" },
    h("summary", {}, "Weekly check table"),
    h(
      "table",
      {},
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ["Date", "Activity", "Score"].map((label) => h("th", { scope: "col" }, label)),
        ),
      ),
      h(
        "tbody",
        {},
        byTakenAt(checks)
          .reverse()
          .flatMap((check) =>
            check.activities.map((activity) =>
              h(
                "tr",
                {},
                h("th", { scope: "row" }, dayLabel(check.takenAt)),
                h("td", {}, activity.name),
                h("td", {}, String(activity.score)),
              ),
            ),
          ),
      ),
    ),
  );
}

/** The panel, or an invitation to take the first check. */
export function functionChartSection(checks) {
  const chart = functionChart(checks);
  return h(
    "section",
    { class: "history-panel history-function", "aria-labelledby": "history-function-heading" },
    h("h2", { id: "history-function-heading" }, "Weekly check"),
    checks.length
      ? [
          h(
            "p",
            { class: "meta" },
            `How well you can do each activity: 0 is unable, ${SCORE_MAX} is as before the problem.`,
          ),
          h("div", { class: "pain-chart function-chart" }, chartSvg(chart), legend(chart)),
          checksTable(checks),
        ]
      : h(
          "p",
          { class: "meta" },
          "Rate a few activities your back makes hard, once a week: a chart here shows how they change. ",
          h("a", { href: "/weekly-check" }, "Take the weekly check"),
        ),
  );
}
