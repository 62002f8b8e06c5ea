import assert from "node:assert/strict";
import { test } from "node:test";

// A zone far from UTC, with daylight saving: a date taken from UTC instead of local time,
// or a day counted as 24 hours, fails here. Node applies a changed TZ to every later Date.
process.env.TZ = "Pacific/Auckland";

const {
  activeDayCounts,
  activeDaysInLast,
  addDays,
  calendarSpan,
  calendarWeeks,
  currentStreak,
  dayLabel,
  dayText,
  linePath,
  localDateKey,
  painChart,
  painSeries,
  painSummary,
  recentText,
  streakText,
} = await import("../../static/js/log/history-stats.js");

// Tuesday 17 November 2026, 10:00 local time.
const NOW = new Date(2026, 10, 17, 10, 0);

function session(daysAgo, { hour = 9, status = "completed", painBefore = null, painAfter = null } = {}) {
  const start = new Date(2026, 10, 17 - daysAgo, hour, 30);
  return {
    id: `s-${daysAgo}-${hour}`,
    startedAt: start.toISOString(),
    endedAt: new Date(start.getTime() + 7 * 60_000).toISOString(),
    status,
    painBefore,
    painAfter,
  };
}

test("dates are local days, however far the zone is from UTC", () => {
  // 08:30 on 17 Nov in Auckland is still 16 Nov in UTC.
  const early = new Date(2026, 10, 17, 8, 30);
  assert.equal(early.toISOString().slice(0, 10), "2026-11-16");
  assert.equal(localDateKey(early), "2026-11-17");
  assert.equal(localDateKey(early.toISOString()), "2026-11-17");
  assert.equal(dayLabel(early), "Tue 17 Nov");
});

test("adding days crosses daylight saving changes at local midnight", () => {
  // Auckland's clocks went forward on Sunday 27 September 2026: that day has 23 hours.
  const day = addDays(new Date(2026, 8, 26, 23, 0), 1);
  assert.equal(localDateKey(day), "2026-09-27");
  assert.equal(localDateKey(addDays(day, 1)), "2026-09-28");
  assert.equal(day.getHours(), 0);
  assert.equal(localDateKey(addDays(new Date(2026, 0, 1), -1)), "2025-12-31");
});

test("only completed and stopped sessions make a day active, counted per local day", () => {
  const counts = activeDayCounts([
    session(0),
    session(0, { hour: 18, status: "stopped" }),
    session(1, { status: "abandoned" }),
    session(2, { status: "in-progress" }),
    session(3, { hour: 23 }),
  ]);
  assert.deepEqual(
    [...counts],
    [
      ["2026-11-17", 2],
      ["2026-11-14", 1],
    ],
  );
});

test("the streak ends today, or yesterday while today is still open", () => {
  const today = activeDayCounts([session(0), session(1), session(2), session(4)]);
  assert.deepEqual(currentStreak(today, NOW), { length: 3, endsToday: true });
  const yesterday = activeDayCounts([session(1), session(2)]);
  assert.deepEqual(currentStreak(yesterday, NOW), { length: 2, endsToday: false });
  const broken = activeDayCounts([session(2), session(3)]);
  assert.deepEqual(currentStreak(broken, NOW), { length: 0, endsToday: false });
  assert.deepEqual(currentStreak(new Map(), NOW), { length: 0, endsToday: false });
});

test("a streak runs across a daylight saving change", () => {
  const now = new Date(2026, 8, 28, 12, 0);
  const days = [26, 27, 28].map((date) => ({
    status: "completed",
    startedAt: new Date(2026, 8, date, 7, 0).toISOString(),
  }));
  assert.equal(currentStreak(activeDayCounts(days), now).length, 3);
});

test("the streak in words", () => {
  const none = new Map();
  const some = new Map([["2026-11-01", 1]]);
  assert.equal(streakText({ length: 0, endsToday: false }, none), "No streak yet – any routine today starts one");
  assert.equal(
    streakText({ length: 0, endsToday: false }, some),
    "No streak right now – any routine today starts a new one",
  );
  assert.equal(streakText({ length: 3, endsToday: true }, some), "3-day streak");
  assert.equal(streakText({ length: 1, endsToday: false }, some), "1-day streak – a routine today keeps it going");
});

test("active days in the last 30 include today and stop at day 30", () => {
  const counts = activeDayCounts([session(0), session(0, { hour: 12 }), session(5), session(29), session(30)]);
  assert.equal(activeDaysInLast(counts, NOW), 3);
  assert.equal(recentText(3), "3 active days in the last 30");
  assert.equal(recentText(1), "1 active day in the last 30");
});

test("the calendar is five weeks of Monday to Sunday, ending with this week", () => {
  const counts = activeDayCounts([session(0), session(0, { hour: 15 }), session(8)]);
  const weeks = calendarWeeks(counts, NOW);
  assert.equal(weeks.length, 5);
  assert.ok(weeks.every((week) => week.length === 7));
  assert.ok(weeks.every((week) => week[0].label.startsWith("Mon") && week[6].label.startsWith("Sun")));
  assert.equal(weeks[0][0].key, "2026-10-19");
  assert.equal(weeks[4][6].key, "2026-11-22");
  assert.equal(calendarSpan(weeks), "19 Oct – 22 Nov");

  const cells = weeks.flat();
  const today = cells.find((cell) => cell.today);
  assert.equal(today.key, "2026-11-17");
  assert.equal(cells.filter((cell) => cell.today).length, 1);
  assert.equal(today.count, 2);
  assert.deepEqual(
    cells.filter((cell) => cell.future).map((cell) => cell.day),
    [18, 19, 20, 21, 22],
  );
  assert.equal(cells.find((cell) => cell.key === "2026-11-09").count, 1);
  // The month is named where the grid starts and where a new month begins.
  assert.deepEqual(
    cells.filter((cell) => cell.month).map((cell) => `${cell.day} ${cell.month}`),
    ["19 Oct", "1 Nov"],
  );
});

test("a Sunday's calendar ends on that Sunday; a Monday's has six days to come", () => {
  const sunday = calendarWeeks(new Map(), new Date(2026, 10, 22, 23, 59));
  assert.equal(sunday[4][6].today, true);
  assert.equal(sunday.flat().filter((cell) => cell.future).length, 0);
  const monday = calendarWeeks(new Map(), new Date(2026, 10, 16, 0, 5));
  assert.equal(monday[4][0].today, true);
  assert.equal(monday.flat().filter((cell) => cell.future).length, 6);
});

test("each day says itself to a screen reader", () => {
  const [week] = calendarWeeks(
    new Map([
      ["2026-11-17", 1],
      ["2026-11-18", 2],
    ]),
    NOW,
    1,
  );
  assert.equal(dayText(week[0]), "Mon 16 Nov: no session");
  assert.equal(dayText(week[1]), "Tue 17 Nov (today): 1 session");
  assert.equal(dayText(week[2]), "Wed 18 Nov: still to come");
  assert.equal(dayText({ ...week[2], future: false }), "Wed 18 Nov: 2 sessions");
});

test("the pain series keeps sessions with an answer, oldest first, the last 20", () => {
  const sessions = [
    session(1, { painBefore: 6, painAfter: 4 }),
    session(3, { painBefore: 5 }),
    session(2),
    session(0, { painAfter: 3, status: "stopped" }),
  ];
  assert.deepEqual(
    painSeries(sessions).map(({ label, before, after }) => [label, before, after]),
    [
      ["Sat 14 Nov", 5, null],
      ["Mon 16 Nov", 6, 4],
      ["Tue 17 Nov", null, 3],
    ],
  );
  const many = Array.from({ length: 25 }, (_, daysAgo) => session(daysAgo, { painBefore: daysAgo % 11, painAfter: 1 }));
  const last = painSeries(many);
  assert.equal(last.length, 20);
  assert.equal(last[0].label, dayLabel(new Date(2026, 10, 17 - 19)));
  assert.equal(last.at(-1).label, "Tue 17 Nov");
  assert.equal(painSeries(many, 5).length, 5);
});

test("chart points: evenly spaced in time order, 0 at the bottom, 10 at the top", () => {
  const series = painSeries([
    session(2, { painBefore: 10, painAfter: 0 }),
    session(1, { painBefore: 5 }),
    session(0, { painBefore: 0, painAfter: 5 }),
  ]);
  const chart = painChart(series, { width: 120, height: 70, left: 10, right: 10, top: 10, bottom: 10 });
  assert.deepEqual(chart.plot, { left: 10, right: 110, top: 10, bottom: 60 });
  assert.deepEqual(
    chart.before.map(({ x, y, value }) => [x, y, value]),
    [
      [10, 10, 10],
      [60, 35, 5],
      [110, 60, 0],
    ],
  );
  assert.deepEqual(
    chart.after.map(({ x, y }) => [x, y]),
    [
      [10, 60],
      [110, 35],
    ],
  );
  assert.deepEqual(chart.ticks, [
    { value: 0, y: 60 },
    { value: 5, y: 35 },
    { value: 10, y: 10 },
  ]);
  assert.deepEqual(chart.dates, [
    { x: 10, label: "Sun 15 Nov", anchor: "start" },
    { x: 110, label: "Tue 17 Nov", anchor: "end" },
  ]);
  assert.equal(linePath(chart.after), "M10 60L110 35");
  assert.equal(linePath([]), "");
});

test("answers outside 0–10 stay on the chart's scale", () => {
  const [entry] = painSeries([session(0, { painBefore: 12, painAfter: -1 })]);
  assert.deepEqual([entry.before, entry.after], [10, 0]);
});

test("the chart in words names the span, the averages and the latest answers", () => {
  const series = painSeries([
    session(2, { painBefore: 6, painAfter: 4 }),
    session(1, { painBefore: 5, painAfter: 2 }),
    session(0, { painBefore: 4 }),
  ]);
  assert.equal(
    painSummary(series),
    "Pain from 0 to 10 before and after, 3 sessions from Sun 15 Nov to Tue 17 Nov. Average 5 before, 3 after. Latest: 4 before, not answered after.",
  );
  assert.equal(painSummary(series.slice(0, 2)).split(". ")[1], "Average 5.5 before, 3 after");
});
