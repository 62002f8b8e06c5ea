/**
 * History's figures, pure (no DOM): active days by local date, the streak, the calendar
 * grid, the pain chart's points. Functions take `now` rather than read the clock.
 */

import { plural } from "../lib/format.js";

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const ACTIVE_STATUSES = new Set(["completed", "stopped"]);
export const PAIN_MAX = 10;

/** Local midnight of the day `offset` days after `date`'s local day (DST-safe: built from parts). */
export function addDays(date, offset = 0) {
  const day = new Date(date);
  return new Date(day.getFullYear(), day.getMonth(), day.getDate() + offset);
}

/** "2024-11-17": the local calendar day of a Date, ms or ISO string. */
export function localDateKey(date) {
  const day = new Date(date);
  const pad = (number) => String(number).padStart(2, "0");
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

/** "Sun 17 Nov", in local time. */
export function dayLabel(date) {
  const day = new Date(date);
  return `${WEEKDAYS[day.getDay()]} ${day.getDate()} ${MONTHS[day.getMonth()]}`;
}

/** A session counts towards active days when it was finished or stopped, not left or unfinished. */
export function isActive(session) {
  return ACTIVE_STATUSES.has(session.status);
}

/** Active sessions per local day: Map of "YYYY-MM-DD" to a count. */
export function activeDayCounts(sessions) {
  const counts = new Map();
  for (const session of sessions) {
    if (!isActive(session)) continue;
    const key = localDateKey(session.startedAt);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Consecutive active days ending today, or yesterday (today is not over yet): `{ length, endsToday }`. */
export function currentStreak(counts, now) {
  const endsToday = counts.has(localDateKey(now));
  let day = addDays(now, endsToday ? 0 : -1);
  let length = 0;
  while (counts.has(localDateKey(day))) {
    length += 1;
    day = addDays(day, -1);
  }
  return { length, endsToday };
}

/** How many of the last `span` days, today included, were active. */
export function activeDaysInLast(counts, now, span = 30) {
  let active = 0;
  for (let offset = 0; offset < span; offset += 1) {
    if (counts.has(localDateKey(addDays(now, -offset)))) active += 1;
  }
  return active;
}

/** "3-day streak", said so that it encourages rather than scolds. */
export function streakText(streak, counts) {
  if (streak.length === 0) {
    return counts.size
      ? "No streak right now – any routine today starts a new one"
      : "No streak yet – any routine today starts one";
  }
  const days = `${streak.length}-day streak`;
  return streak.endsToday ? days : `${days} – a routine today keeps it going`;
}

/** "12 active days in the last 30" (or "1 active day …"). */
export function recentText(active, span = 30) {
  return `${plural(active, "active day")} in the last ${span}`;
}

/** What a screen reader hears for one calendar day: "Tue 17 Nov (today): 1 session". */
export function dayText(cell) {
  const when = `${cell.label}${cell.today ? " (today)" : ""}`;
  if (cell.future) return `${when}: still to come`;
  if (!cell.count) return `${when}: no session`;
  return `${when}: ${plural(cell.count, "session")}`;
}

/**
 * `weeks` rows of Monday to Sunday, the last holding today; cells are `{ key, date, day,
 * label, month, count, today, future }`, `month` ("Nov") set on the first cell and each 1st.
 */
export function calendarWeeks(counts, now, weeks = 5) {
  const today = addDays(now);
  const todayKey = localDateKey(today);
  const mondayOffset = (today.getDay() + 6) % 7;
  const first = addDays(today, -mondayOffset - 7 * (weeks - 1));
  return Array.from({ length: weeks }, (_, week) =>
    Array.from({ length: 7 }, (_, weekday) => {
      const date = addDays(first, week * 7 + weekday);
      const key = localDateKey(date);
      const isFirst = week === 0 && weekday === 0;
      return {
        key,
        date,
        day: date.getDate(),
        label: dayLabel(date),
        month: isFirst || date.getDate() === 1 ? MONTHS[date.getMonth()] : null,
        count: counts.get(key) ?? 0,
        today: key === todayKey,
        future: date > today,
      };
    }),
  );
}

/** "20 Oct – 23 Nov": the span of a calendar, for its caption. */
export function calendarSpan(weeks) {
  const short = (cell) => `${cell.day} ${MONTHS[cell.date.getMonth()]}`;
  return `${short(weeks[0][0])} – ${short(weeks.at(-1).at(-1))}`;
}

function painValue(value) {
  return typeof value === "number" && Number.isFinite(value) ? Math.min(PAIN_MAX, Math.max(0, value)) : null;
}

/** The last `limit` sessions with a pain answer, oldest first: `{ startedAt, label, before, after }` (null if not given). */
export function painSeries(sessions, limit = 20) {
  return sessions
    .map((session) => ({
      startedAt: session.startedAt,
      label: dayLabel(session.startedAt),
      before: painValue(session.painBefore),
      after: painValue(session.painAfter),
    }))
    .filter((entry) => entry.before !== null || entry.after !== null)
    .sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt))
    .slice(-limit);
}

const round = (number) => Math.round(number * 10) / 10;

/** The chart in viewBox units: sessions evenly spaced, oldest left; pain 0 at the bottom; a point per answer. */
export function painChart(series, { width = 320, height = 180, left = 30, right = 12, top = 12, bottom = 30 } = {}) {
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const x = (index) =>
    round(series.length < 2 ? left + plotWidth / 2 : left + (index * plotWidth) / (series.length - 1));
  const y = (value) => round(top + ((PAIN_MAX - value) / PAIN_MAX) * plotHeight);
  const points = (field) =>
    series.flatMap((entry, index) =>
      entry[field] === null ? [] : [{ x: x(index), y: y(entry[field]), value: entry[field], label: entry.label }],
    );
  return {
    width,
    height,
    plot: { left, right: width - right, top, bottom: height - bottom },
    ticks: [0, 5, 10].map((value) => ({ value, y: y(value) })),
    before: points("before"),
    after: points("after"),
    dates: series.length
      ? [
          { x: x(0), label: series[0].label, anchor: "start" },
          { x: x(series.length - 1), label: series.at(-1).label, anchor: "end" },
        ]
      : [],
  };
}

/** An SVG path through points in order: "M28 12L150 80". */
export function linePath(points) {
  return points.map((point, index) => `${index ? "L" : "M"}${point.x} ${point.y}`).join("");
}

function average(values) {
  return values.length ? round(values.reduce((sum, value) => sum + value, 0) / values.length) : null;
}

/** The chart in words, for its aria-label: span, averages and the latest answers. */
export function painSummary(series) {
  if (!series.length) return "No pain answers yet.";
  const before = average(series.flatMap((entry) => (entry.before === null ? [] : [entry.before])));
  const after = average(series.flatMap((entry) => (entry.after === null ? [] : [entry.after])));
  const latest = series.at(-1);
  const sessions = plural(series.length, "session");
  const span = series.length === 1 ? `on ${latest.label}` : `from ${series[0].label} to ${latest.label}`;
  const said = (value) => (value === null ? "not answered" : String(value));
  return (
    `Pain from 0 to 10 before and after, ${sessions} ${span}. ` +
    `Average ${said(before)} before, ${said(after)} after. ` +
    `Latest: ${said(latest.before)} before, ${said(latest.after)} after.`
  );
}
