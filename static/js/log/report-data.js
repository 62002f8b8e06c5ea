/**
 * The clinician's report, pure (no DOM): the sessions of a date range, routines done each
 * week, pain before and after, the weekly function check's scores, stops with their reasons, notes. Dates are the person's local
 * calendar days ("YYYY-MM-DD"), as History counts them; functions take `now` rather than read the clock.
 */

import { addDays, dayLabel, isActive, localDateKey, painSeries } from "./history-stats.js";

export const DEFAULT_WEEKS = 4;

/** The report's sections, in the order printed, each with its checkbox label and default. */
export const REPORT_SECTIONS = [
  { id: "weeks", label: "Sessions per week", checked: true },
  { id: "pain", label: "Pain chart and table", checked: true },
  // Ticked by default only when the range holds a check (see report-view.js).
  { id: "function", label: "Function scores", checked: false },
  { id: "stops", label: "Stops and their reasons", checked: true },
  { id: "notes", label: "Notes", checked: false },
];

/** The default range: the last four weeks, today included. */
export function defaultRange(now) {
  return { from: localDateKey(addDays(now, -7 * DEFAULT_WEEKS + 1)), to: localDateKey(now) };
}

/** Local midnight of a "YYYY-MM-DD" day, or null when it is no real date. */
export function parseDay(key) {
  const found = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key ?? "");
  if (!found) return null;
  const date = new Date(Number(found[1]), Number(found[2]) - 1, Number(found[3]));
  return localDateKey(date) === key ? date : null;
}

/** The range made sound: both ends real days, `from` not after `to` (swapped if so). */
export function normaliseRange({ from, to }, now) {
  const fallback = defaultRange(now);
  const start = parseDay(from) ? from : fallback.from;
  const end = parseDay(to) ? to : fallback.to;
  return start <= end ? { from: start, to: end } : { from: end, to: start };
}

/** "Mon 20 Oct 2026": a day with its year, as a printed report needs it. */
export function longDay(date) {
  return `${dayLabel(date)} ${new Date(date).getFullYear()}`;
}

/** The sessions started on a day of the range, oldest first. */
export function sessionsInRange(sessions, { from, to }) {
  return sessions
    .filter((session) => {
      const key = localDateKey(session.startedAt);
      return key >= from && key <= to;
    })
    .sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
}

/**
 * A row per Monday-to-Sunday week that meets the range, cut to the range's own days:
 * `{ from, to, label, sessions, activeDays, routines: [{ title, count }] }`, counting only
 * finished or stopped sessions, as History does.
 */
export function weeklyRows(sessions, range) {
  const end = parseDay(range.to);
  const rows = [];
  let start = parseDay(range.from);
  while (start <= end) {
    const sunday = addDays(start, 6 - ((start.getDay() + 6) % 7));
    // biome-ignore lint/complexity/useMathMinMax: these are dates; Math.min would make them numbers
    const last = sunday < end ? sunday : end;
    const week = { from: localDateKey(start), to: localDateKey(last) };
    const done = sessionsInRange(sessions, week).filter(isActive);
    const byTitle = new Map();
    for (const session of done) byTitle.set(session.routineTitle, (byTitle.get(session.routineTitle) ?? 0) + 1);
    rows.push({
      ...week,
      label: week.from === week.to ? dayLabel(start) : `${dayLabel(start)} – ${dayLabel(last)}`,
      sessions: done.length,
      activeDays: new Set(done.map((session) => localDateKey(session.startedAt))).size,
      routines: [...byTitle]
        .map(([title, count]) => ({ title, count }))
        .sort((a, b) => b.count - a.count || a.title.localeCompare(b.title)),
    });
    start = addDays(last, 1);
  }
  return rows;
}

/** Every pain answer of the range, oldest first: the chart's series, each entry with its routine. */
export function painRows(sessions, range) {
  const inRange = sessionsInRange(sessions, range);
  const titles = new Map(inRange.map((session) => [session.startedAt, session.routineTitle]));
  return painSeries(inRange, Infinity).map((entry) => ({ ...entry, routineTitle: titles.get(entry.startedAt) }));
}

/** Average of the answers given, to one decimal, or null when none was. */
export function averagePain(rows, field) {
  const values = rows.flatMap((row) => (row[field] === null ? [] : [row[field]]));
  return values.length ? Math.round((values.reduce((sum, value) => sum + value, 0) / values.length) * 10) / 10 : null;
}

/**
 * The range's stops, oldest first: `{ day, routineTitle, what, reason }`, `what` the exercise
 * stopped or "the whole routine", `reason` the stop reason's label (its id if unknown).
 */
export function stopRows(sessions, range, reasons) {
  const label = (id) => reasons.find((reason) => reason.id === id)?.label ?? id;
  return sessionsInRange(sessions, range).flatMap((session) => {
    const day = dayLabel(session.startedAt);
    const sets = session.sets ?? [];
    const rows = (session.exerciseStops ?? []).map((stop) => ({
      day,
      routineTitle: session.routineTitle,
      what: sets.find((record) => record.exerciseId === stop.exerciseId)?.exerciseName ?? stop.exerciseId,
      reason: label(stop.reason),
    }));
    if (session.stopReason)
      rows.push({
        day,
        routineTitle: session.routineTitle,
        what: "The whole routine",
        reason: label(session.stopReason),
      });
    return rows;
  });
}

/** The range's notes, oldest first: `{ day, routineTitle, note }`. */
export function noteRows(sessions, range) {
  return sessionsInRange(sessions, range)
    .filter((session) => session.note?.trim())
    .map((session) => ({
      day: dayLabel(session.startedAt),
      routineTitle: session.routineTitle,
      note: session.note.trim(),
    }));
}

/**
 * The weekly function checks taken in the range, oldest first, as a table: `activities` (every
 * name rated, in the order first rated) and a row per check `{ label, scores }`, each score the
 * one given that week to the activity in the same place, or null when it was not rated then.
 */
export function functionRows(checks, { from, to }) {
  const inRange = checks
    .filter((check) => {
      const key = localDateKey(check.takenAt);
      return key >= from && key <= to;
    })
    .sort((a, b) => Date.parse(a.takenAt) - Date.parse(b.takenAt));
  const activities = [...new Set(inRange.flatMap((check) => check.activities.map(({ name }) => name)))];
  const rows = inRange.map((check) => {
    const byName = new Map(check.activities.map(({ name, score }) => [name, score]));
    return { label: dayLabel(check.takenAt), scores: activities.map((name) => byName.get(name) ?? null) };
  });
  return { activities, rows };
}
