import { h } from "../../lib/dom.js";
import {
  activeDayCounts,
  activeDaysInLast,
  calendarSpan,
  calendarWeeks,
  currentStreak,
  dayText,
  recentText,
  streakText,
} from "../../log/history-stats.js";

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** One day: a disc when active, a ring when today, and the whole day in words for screen readers. */
function dayCell(cell) {
  const classes = [
    "calendar-day",
    cell.count && !cell.future ? "is-active" : null,
    cell.today ? "is-today" : null,
    cell.future ? "is-future" : null,
  ];
  return h(
    "td",
    { class: classes.filter(Boolean).join(" "), "aria-current": cell.today ? "date" : null },
    h(
      "span",
      { class: "calendar-mark", "aria-hidden": "true" },
      cell.month ? h("span", { class: "calendar-month" }, cell.month) : null,
      String(cell.day),
    ),
    h("span", { class: "visually-hidden" }, dayText(cell)),
  );
}

/**
 * History's activity panel: the streak, active days in the last 30, and a five-week
 * calendar (Monday to Sunday) where each active day is marked.
 */
export function historyCalendar(sessions, now) {
  const counts = activeDayCounts(sessions);
  const streak = currentStreak(counts, now);
  const weeks = calendarWeeks(counts, now);
  return h(
    "section",
    { class: "history-panel history-activity", "aria-labelledby": "history-activity-heading" },
    h("h2", { id: "history-activity-heading" }, "Active days"),
    h(
      "p",
      { class: "streak" },
      h("strong", { class: streak.length ? "streak-count has-streak" : "streak-count" }, streakText(streak, counts)),
      h("span", { class: "streak-recent" }, recentText(activeDaysInLast(counts, now))),
    ),
    h(
      "table",
      { class: "calendar" },
      h("caption", {}, calendarSpan(weeks)),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          WEEKDAYS.map((day) => h("th", { scope: "col" }, day)),
        ),
      ),
      h(
        "tbody",
        {},
        weeks.map((week) => h("tr", {}, week.map(dayCell))),
      ),
    ),
    // The marks explained for sighted readers; each cell already says all of it in words.
    h(
      "p",
      { class: "calendar-legend", "aria-hidden": "true" },
      h("span", { class: "calendar-key is-active" }),
      "Active day",
      h("span", { class: "calendar-key is-today" }),
      "Today",
    ),
  );
}
