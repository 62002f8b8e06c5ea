import { h } from "../../lib/dom.js";
import { plural } from "../../lib/format.js";
import { listFunctionChecks } from "../../function-check/function-check-store.js";
import { listSessions } from "../../log/log-store.js";
import { readSafety } from "../../safety/safety-store.js";
import { functionChartSection } from "./function-chart.js";
import { historyCalendar } from "./history-calendar.js";
import { painChartSection } from "./pain-chart.js";

const STATUS_WORDS = {
  completed: "Completed",
  "in-progress": "Unfinished",
  abandoned: "Left unfinished",
  stopped: "Stopped",
};

function when(iso) {
  return new Date(iso).toLocaleString(undefined, {
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
  });
}

function minutesBetween(startIso, endIso) {
  if (!endIso) return null;
  return Math.max(1, Math.round((Date.parse(endIso) - Date.parse(startIso)) / 60000));
}

function painLine(session) {
  const before = session.painBefore ?? "–";
  const after = session.painAfter ?? "–";
  if (session.painBefore === null && session.painAfter === null) return null;
  return `Pain ${before} before, ${after} after (0–10)`;
}

/** "Bridge: 2 of 2 sets · held 5, 5, 5 s" per exercise, in the order done. */
function exerciseLines(sets) {
  const byExercise = new Map();
  for (const record of sets) {
    const key = `${record.exerciseId}:${record.variantId ?? ""}`;
    if (!byExercise.has(key)) byExercise.set(key, { name: record.exerciseName, sets: [] });
    byExercise.get(key).sets.push(record);
  }
  return [...byExercise.values()].map(({ name, sets: records }) => {
    const done = records.filter((record) => !record.skipped).length;
    const reps = records.reduce((sum, record) => sum + record.repsDone, 0);
    const held = records.flatMap((record) => record.heldSeconds);
    const parts = [`${done} of ${plural(records.length, "set")}`, plural(reps, "rep")];
    if (held.length) parts.push(`held ${held.map((seconds) => Math.round(seconds)).join(", ")} s`);
    return h("li", {}, h("strong", {}, `${name}: `), parts.join(" · "));
  });
}

function sessionCard(session, reasons) {
  const minutes = minutesBetween(session.startedAt, session.endedAt);
  const reason = reasons.find((candidate) => candidate.id === session.stopReason);
  const stops = (session.exerciseStops ?? []).map((stop) => {
    const why = reasons.find((candidate) => candidate.id === stop.reason)?.label ?? stop.reason;
    const name = session.sets.find((record) => record.exerciseId === stop.exerciseId)?.exerciseName ?? stop.exerciseId;
    return h("li", {}, `Stopped ${name}: ${why.toLowerCase()}`);
  });
  const status = reason ? `Stopped: ${reason.label.toLowerCase()}` : (STATUS_WORDS[session.status] ?? session.status);
  return h(
    "li",
    { class: "card history-entry" },
    h("h3", { class: "card-title" }, session.routineTitle),
    h(
      "p",
      { class: "card-meta" },
      [when(session.startedAt), minutes ? plural(minutes, "minute") : null, status].filter(Boolean).join(" · "),
    ),
    painLine(session) ? h("p", {}, painLine(session)) : null,
    session.sets.length
      ? h("ul", { class: "history-sets" }, exerciseLines(session.sets))
      : h("p", { class: "meta" }, "No sets recorded."),
    stops.length ? h("ul", { class: "history-stops" }, stops) : null,
    session.note ? h("p", { class: "history-note" }, `Note: ${session.note}`) : null,
  );
}

export async function historyView() {
  const [sessions, safety, checks] = await Promise.all([listSessions(), readSafety(), listFunctionChecks()]);
  const reasons = safety?.stop_reasons ?? [];
  const now = new Date();
  return {
    title: "History",
    node: h(
      "section",
      {},
      h("h1", {}, "Your history"),
      h(
        "p",
        { class: "meta" },
        sessions.length
          ? `${plural(sessions.length, "session")}, kept on this device.`
          : "Nothing yet: your sessions will appear here.",
      ),
      sessions.length
        ? h("a", { class: "button history-report-link", href: "/history/report" }, "Report for your clinician")
        : h("a", { class: "button button-primary", href: "/" }, "Start today's routine"),
      historyCalendar(sessions, now),
      painChartSection(sessions),
      functionChartSection(checks),
      sessions.length ? h("h2", { class: "history-sessions-heading" }, "Sessions") : null,
      h(
        "ul",
        { class: "card-list" },
        sessions.map((session) => sessionCard(session, reasons)),
      ),
    ),
    staysOnRefresh: true,
  };
}
