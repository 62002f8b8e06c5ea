import { h } from "../../lib/dom.js";
import { plural } from "../../lib/format.js";
import { isActive } from "../../log/history-stats.js";
import { listFunctionChecks } from "../../function-check/function-check-store.js";
import { listSessions } from "../../log/log-store.js";
import {
  defaultRange,
  functionRows,
  longDay,
  normaliseRange,
  parseDay,
  REPORT_SECTIONS,
  sessionsInRange,
} from "../../log/report-data.js";
import { readSafety } from "../../safety/safety-store.js";
import { functionSection, notesSection, painSection, stopsSection, weeksSection } from "./report-sections.js";

/** What draws each section of `REPORT_SECTIONS`. */
const SECTION_BUILDERS = {
  weeks: ({ sessions, range }) => weeksSection(sessions, range),
  pain: ({ sessions, range }) => painSection(sessions, range),
  function: ({ checks, range }) => functionSection(checks, range),
  stops: ({ sessions, range, reasons }) => stopsSection(sessions, range, reasons),
  notes: ({ sessions, range }) => notesSection(sessions, range),
};

/** The printed report: the dates, what it is, then only the sections the person chose. */
function reportParts({ sessions, checks, range, included, reasons, now }) {
  const chosen = sessionsInRange(sessions, range);
  const done = chosen.filter(isActive).length;
  const context = { sessions: chosen, checks, range, reasons };
  return [
    h("p", { class: "report-range" }, `${longDay(parseDay(range.from))} to ${longDay(parseDay(range.to))}`),
    h(
      "p",
      { class: "meta" },
      `${plural(done, "routine")} done in these dates. Made with Unknot on ${longDay(now)} from the log on the person's own device. Pain is their own rating from 0 (none) to 10 (worst).`,
    ),
    REPORT_SECTIONS.filter(({ id }) => included.has(id)).map(({ id }) => SECTION_BUILDERS[id](context)),
  ];
}

function dateField(id, label, value, onchange) {
  return h(
    "div",
    { class: "report-date" },
    h("label", { for: id }, label),
    h("input", { type: "date", id, value, required: true, onchange }),
  );
}

/** The report's controls: the dates, a checkbox per section, print. None of it is printed. */
function controls({ range, included, onchange }) {
  const from = dateField("report-from", "From", range.from, onchange);
  const to = dateField("report-to", "To", range.to, onchange);
  return h(
    "form",
    { class: "report-controls", "aria-label": "What the report holds", onsubmit: (event) => event.preventDefault() },
    h("fieldset", { class: "report-dates" }, h("legend", {}, "Dates"), from, to),
    h(
      "fieldset",
      { class: "toggles" },
      h("legend", {}, "Include"),
      REPORT_SECTIONS.map(({ id, label }) =>
        h(
          "div",
          { class: "toggle" },
          h("input", { type: "checkbox", id: `report-include-${id}`, name: id, checked: included.has(id), onchange }),
          h("label", { for: `report-include-${id}` }, label),
        ),
      ),
    ),
    h(
      "button",
      { type: "button", class: "button button-primary", onclick: () => window.print() },
      "Save as PDF or print",
    ),
    h("p", { class: "meta" }, "In the print window, choose “Save as PDF” to keep a file, or a printer."),
  );
}

/** History → Report: a print layout for an appointment, from the log on this device. */
export async function reportView() {
  const [sessions, checks, safety] = await Promise.all([listSessions(), listFunctionChecks(), readSafety()]);
  const reasons = safety?.stop_reasons ?? [];
  const now = new Date();
  const range = defaultRange(now);
  const included = new Set(REPORT_SECTIONS.filter(({ checked }) => checked).map(({ id }) => id));
  // Function scores are in by default when the weekly check kept some in these dates.
  if (functionRows(checks, range).rows.length) included.add("function");
  const state = { range, included };
  const report = h("div", { class: "report-body" });
  const status = h("p", { class: "visually-hidden", role: "status" });
  const draw = () => report.replaceChildren(...reportParts({ sessions, checks, ...state, reasons, now }).flat());
  const form = controls({
    ...state,
    onchange: () => {
      const read = (id) => form.querySelector(`#${id}`).value;
      state.range = normaliseRange({ from: read("report-from"), to: read("report-to") }, now);
      form.querySelector("#report-from").value = state.range.from;
      form.querySelector("#report-to").value = state.range.to;
      state.included = new Set(
        REPORT_SECTIONS.filter(({ id }) => form.querySelector(`#report-include-${id}`).checked).map(({ id }) => id),
      );
      draw();
      status.textContent = `Report updated: ${report.querySelector(".report-range").textContent}.`;
    },
  });
  draw();
  return {
    title: "Report",
    node: h(
      "section",
      { class: "report" },
      h("a", { class: "report-back", href: "/history" }, "← History"),
      h("h1", {}, "Report for your clinician"),
      form,
      status,
      report,
    ),
    staysOnRefresh: true,
  };
}
