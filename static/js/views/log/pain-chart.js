import { h } from "../../lib/dom.js";
import { linePath, painChart, painSeries, painSummary } from "../../log/history-stats.js";

const SVG_NS = "http://www.w3.org/2000/svg";
const SERIES = [
  { field: "before", name: "Before the routine", word: "before" },
  { field: "after", name: "After the routine", word: "after" },
];

/** Like `h`, for SVG elements: the attributes set as given, the children appended. */
export function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined) element.setAttribute(name, String(value));
  }
  element.append(...children.flat(Infinity).filter((child) => child !== null && child !== undefined));
  return element;
}

/** A circle for "before", a square for "after": the series differ in shape, not only in colour. */
function marker(field, x, y, title) {
  const hint = title ? svg("title", {}, title) : null;
  if (field === "before") return svg("circle", { class: "chart-marker", cx: x, cy: y, r: 4.5 }, hint);
  return svg("rect", { class: "chart-marker", x: x - 4.5, y: y - 4.5, width: 9, height: 9 }, hint);
}

/** A chart's grid, its values up the side and its dates along the bottom (this and the weekly check's). */
export function chartAxis(chart) {
  const { plot } = chart;
  return svg(
    "g",
    { class: "chart-axis" },
    chart.ticks.map((tick) => [
      svg("line", { class: "chart-grid", x1: plot.left, x2: plot.right, y1: tick.y, y2: tick.y }),
      svg(
        "text",
        { x: plot.left - 8, y: tick.y, "text-anchor": "end", "dominant-baseline": "middle" },
        String(tick.value),
      ),
    ]),
    chart.dates.map((date) => svg("text", { x: date.x, y: chart.height - 8, "text-anchor": date.anchor }, date.label)),
  );
}

function chartSvg(series) {
  const chart = painChart(series);
  return svg(
    "svg",
    {
      class: "pain-chart-svg",
      viewBox: `0 0 ${chart.width} ${chart.height}`,
      role: "img",
      "aria-label": painSummary(series),
    },
    chartAxis(chart),
    SERIES.map(({ field, word }) =>
      svg(
        "g",
        { class: `chart-series chart-${field}` },
        svg("path", { class: "chart-line", d: linePath(chart[field]) }),
        chart[field].map((point) => marker(field, point.x, point.y, `${point.label}: ${point.value} ${word}`)),
      ),
    ),
  );
}

function legend() {
  return h(
    "ul",
    { class: "chart-legend" },
    SERIES.map(({ field, name }) =>
      h(
        "li",
        {},
        svg(
          "svg",
          { class: `legend-sample chart-${field}`, viewBox: "0 0 36 14", "aria-hidden": "true" },
          svg("path", { class: "chart-line", d: "M2 7H34" }),
          marker(field, 18, 7, null),
        ),
        name,
      ),
    ),
  );
}

/** A pain answer for a table cell: the number, or a dash read out as "not answered". */
export function painAnswer(value) {
  if (value !== null) return String(value);
  return [h("span", { "aria-hidden": "true" }, "–"), h("span", { class: "visually-hidden" }, "not answered")];
}

/** The chart's numbers as a table, for screen readers and for anyone who prefers to read them. */
function painTable(series) {
  return h(
    "details",
    { class: "pain-table" },
    h("summary", {}, "Pain table"),
    h(
      "table",
      {},
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ["Date", "Before", "After"].map((label) => h("th", { scope: "col" }, label)),
        ),
      ),
      h(
        "tbody",
        {},
        series.map((entry) =>
          h(
            "tr",
            {},
            h("th", { scope: "row" }, entry.label),
            h("td", {}, painAnswer(entry.before)),
            h("td", {}, painAnswer(entry.after)),
          ),
        ),
      ),
    ),
  );
}

/** The chart with its legend, for any series of pain answers (History's panel, the report). */
export function painFigure(series) {
  return h("div", { class: "pain-chart" }, chartSvg(series), legend());
}

/**
 * History's pain panel: pain before and after (0–10) for the last 20 sessions that have an
 * answer, as an SVG line chart with a legend and a table of the same numbers.
 */
export function painChartSection(sessions) {
  const series = painSeries(sessions);
  const enough = series.length >= 2;
  return h(
    "section",
    { class: "history-panel history-pain", "aria-labelledby": "history-pain-heading" },
    h("h2", { id: "history-pain-heading" }, "Pain before and after"),
    enough
      ? [painFigure(series), painTable(series)]
      : h(
          "p",
          { class: "meta" },
          "Answer the pain question before and after your routines: from two sessions on, a chart here shows how your pain changes.",
        ),
  );
}
