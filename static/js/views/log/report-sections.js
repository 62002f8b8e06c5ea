/**
 * The printed parts of the clinician's report, each a `<section>` built from the figures of
 * `report-data.js`: routines done each week, pain before and after, function scores, stops, notes.
 */
import { h } from "../../lib/dom.js";
import { plural } from "../../lib/format.js";
import { averagePain, functionRows, noteRows, painRows, stopRows, weeklyRows } from "../../log/report-data.js";
import { painAnswer, painFigure } from "./pain-chart.js";

const NONE = "None in these dates.";

function table(caption, headings, rows) {
  return h(
    "table",
    { class: "report-table" },
    h("caption", { class: "visually-hidden" }, caption),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        headings.map((heading) => h("th", { scope: "col" }, heading)),
      ),
    ),
    h(
      "tbody",
      {},
      rows.map(([header, ...cells]) =>
        h(
          "tr",
          {},
          h("th", { scope: "row" }, header),
          cells.map((cell) => h("td", {}, cell)),
        ),
      ),
    ),
  );
}

function section(id, heading, ...content) {
  return h(
    "section",
    { class: "report-section", "aria-labelledby": `report-${id}-heading` },
    h("h2", { id: `report-${id}-heading` }, heading),
    ...content,
  );
}

/** Routines done each week, Monday to Sunday, the first and last week cut to the dates chosen. */
export function weeksSection(sessions, range) {
  const rows = weeklyRows(sessions, range);
  const routines = (row) =>
    row.routines.length ? row.routines.map(({ title, count }) => `${title} × ${count}`).join(", ") : "–";
  return section(
    "weeks",
    "Routines done each week",
    h("p", { class: "meta" }, "Finished or stopped part-way; a routine left unfinished is not counted."),
    table(
      "Routines done each week",
      ["Week", "Sessions", "Active days", "Routines"],
      rows.map((row) => [row.label, String(row.sessions), String(row.activeDays), routines(row)]),
    ),
  );
}

/** Pain before and after, 0 to 10: the averages, the chart (from two answers on) and every answer in a table. */
export function painSection(sessions, range) {
  const rows = painRows(sessions, range);
  if (!rows.length) return section("pain", "Pain before and after (0–10)", h("p", {}, NONE));
  const before = averagePain(rows, "before");
  const after = averagePain(rows, "after");
  const said = (value) => (value === null ? "not answered" : String(value));
  return section(
    "pain",
    "Pain before and after (0–10)",
    h(
      "p",
      { class: "report-averages" },
      `Average ${said(before)} before, ${said(after)} after, over ${plural(rows.length, "session")} with an answer.`,
    ),
    rows.length >= 2 ? painFigure(rows) : null,
    table(
      "Pain before and after each session",
      ["Date", "Routine", "Before", "After"],
      rows.map((row) => [row.label, row.routineTitle, painAnswer(row.before), painAnswer(row.after)]),
    ),
  );
}

/** The weekly function check: each activity the person named, its score (0 to 10) in each check of the range. */
export function functionSection(checks, range) {
  const { activities, rows } = functionRows(checks, range);
  if (!rows.length) return section("function", "Function scores (0–10)", h("p", {}, NONE));
  return section(
    "function",
    "Function scores (0–10)",
    h(
      "p",
      { class: "meta" },
      "Activities the person finds hard, rated weekly: 0 is unable to do it, 10 is able to do it as before the problem.",
    ),
    table(
      "Function scores by week",
      ["Week of", ...activities],
      rows.map((row) => [row.label, ...row.scores.map((score) => (score === null ? "–" : String(score)))]),
    ),
  );
}

/** Each stop: an exercise, or the whole routine, and the reason the person gave. */
export function stopsSection(sessions, range, reasons) {
  const rows = stopRows(sessions, range, reasons);
  return section(
    "stops",
    "Stops and their reasons",
    rows.length
      ? table(
          "Stops and their reasons",
          ["Date", "Routine", "Stopped", "Reason"],
          rows.map((row) => [row.day, row.routineTitle, row.what, row.reason]),
        )
      : h("p", {}, NONE),
  );
}

/** The person's own notes after their sessions. */
export function notesSection(sessions, range) {
  const rows = noteRows(sessions, range);
  return section(
    "notes",
    "Notes",
    rows.length
      ? table(
          "Notes",
          ["Date", "Routine", "Note"],
          rows.map((row) => [row.day, row.routineTitle, row.note]),
        )
      : h("p", {}, NONE),
  );
}
