import assert from "node:assert/strict";
import { test } from "node:test";

// Far from UTC, with daylight saving (it ends in April, starts in late September): a day taken
// from UTC, or counted as 24 hours, shows up wrong here.
process.env.TZ = "Pacific/Auckland";

const {
  averagePain,
  defaultRange,
  functionRows,
  longDay,
  noteRows,
  normaliseRange,
  painRows,
  parseDay,
  REPORT_SECTIONS,
  sessionsInRange,
  stopRows,
  weeklyRows,
} = await import("../../static/js/log/report-data.js");

const NOW = new Date(2026, 10, 17, 10, 0);
const REASONS = [
  { id: "sharp-pain", label: "Sharp or severe pain" },
  { id: "dizziness", label: "Dizziness" },
];

function session(month, day, fields = {}) {
  return {
    id: `${month}-${day}-${fields.hour ?? 8}`,
    routineTitle: "Back basics",
    startedAt: new Date(2026, month - 1, day, fields.hour ?? 8).toISOString(),
    status: "completed",
    painBefore: null,
    painAfter: null,
    note: "",
    stopReason: null,
    exerciseStops: [],
    sets: [{ exerciseId: "bridge", exerciseName: "Bridge" }],
    ...fields,
  };
}

test("the default range is the last four weeks, today included", () => {
  assert.deepEqual(defaultRange(NOW), { from: "2026-10-21", to: "2026-11-17" });
});

test("the notes are left out unless ticked; function scores are ticked by the view when there are any", () => {
  assert.deepEqual(
    REPORT_SECTIONS.map(({ id, checked }) => [id, checked]),
    [
      ["weeks", true],
      ["pain", true],
      ["function", false],
      ["stops", true],
      ["notes", false],
    ],
  );
});

test("function scores: a row per check of the range, a column per activity, a gap where one was not rated", () => {
  const check = (month, day, activities) => ({
    id: `${month}-${day}`,
    takenAt: new Date(2026, month - 1, day, 9).toISOString(),
    activities,
  });
  const checks = [
    check(11, 10, [
      { name: "Walking", score: 5 },
      { name: "Sitting", score: 3 },
    ]),
    check(10, 20, [{ name: "Walking", score: 1 }]),
    check(10, 27, [{ name: "Walking", score: 2 }]),
    check(11, 3, [
      { name: "Sitting", score: 2 },
      { name: "Walking", score: 4 },
      { name: "Gardening", score: 0 },
    ]),
  ];
  assert.deepEqual(functionRows(checks, defaultRange(NOW)), {
    activities: ["Walking", "Sitting", "Gardening"],
    rows: [
      { label: "Tue 27 Oct", scores: [2, null, null] },
      { label: "Tue 3 Nov", scores: [4, 2, 0] },
      { label: "Tue 10 Nov", scores: [5, 3, null] },
    ],
  });
  assert.deepEqual(functionRows(checks, { from: "2026-11-11", to: "2026-11-17" }), { activities: [], rows: [] });
});

test("a range is read soundly: real days only, either way round", () => {
  assert.equal(parseDay("2026-02-30"), null);
  assert.equal(parseDay("17/11/2026"), null);
  assert.equal(longDay(parseDay("2026-11-01")), "Sun 1 Nov 2026");
  assert.deepEqual(normaliseRange({ from: "2026-11-10", to: "2026-11-01" }, NOW), {
    from: "2026-11-01",
    to: "2026-11-10",
  });
  assert.deepEqual(normaliseRange({ from: "", to: "nonsense" }, NOW), defaultRange(NOW));
});

test("a session belongs to the local day it started on, late at night too", () => {
  // 23:00 on 31 October in Auckland is 10:00 that day in UTC; midnight on 1 November is still 31 October in UTC.
  const late = session(10, 31, { hour: 23 });
  const early = session(11, 1, { hour: 0 });
  assert.deepEqual(sessionsInRange([early, late], { from: "2026-11-01", to: "2026-11-30" }), [early]);
  assert.deepEqual(sessionsInRange([early, late], { from: "2026-10-01", to: "2026-10-31" }), [late]);
});

test("weeks run Monday to Sunday, cut to the range, counting routines done", () => {
  const log = [
    session(10, 22),
    session(10, 24, { routineTitle: "Acute relief" }),
    session(10, 24, { hour: 18 }),
    session(10, 29, { status: "abandoned" }),
    session(11, 3, { status: "stopped", routineTitle: "Daily strength" }),
  ];
  const rows = weeklyRows(log, { from: "2026-10-21", to: "2026-11-03" });
  assert.deepEqual(
    rows.map(({ label, sessions, activeDays, routines }) => [label, sessions, activeDays, routines]),
    [
      [
        "Wed 21 Oct – Sun 25 Oct",
        3,
        2,
        [
          { title: "Back basics", count: 2 },
          { title: "Acute relief", count: 1 },
        ],
      ],
      ["Mon 26 Oct – Sun 1 Nov", 0, 0, []],
      ["Mon 2 Nov – Tue 3 Nov", 1, 1, [{ title: "Daily strength", count: 1 }]],
    ],
  );
  // One day, a Sunday: a week of its own.
  assert.deepEqual(
    weeklyRows(log, { from: "2026-10-25", to: "2026-10-25" }).map(({ label }) => label),
    ["Sun 25 Oct"],
  );
});

test("pain rows keep every answer of the range with its routine, and average what was answered", () => {
  const log = [
    session(10, 1, { painBefore: 9 }),
    session(10, 22, { painBefore: 7, painAfter: 5 }),
    session(10, 23, { painBefore: 4 }),
    session(10, 24),
  ];
  const rows = painRows(log, { from: "2026-10-21", to: "2026-11-17" });
  assert.deepEqual(
    rows.map(({ label, routineTitle, before, after }) => [label, routineTitle, before, after]),
    [
      ["Thu 22 Oct", "Back basics", 7, 5],
      ["Fri 23 Oct", "Back basics", 4, null],
    ],
  );
  assert.equal(averagePain(rows, "before"), 5.5);
  assert.equal(averagePain(rows, "after"), 5);
  assert.equal(averagePain([], "after"), null);
  // More than History's chart keeps (20): a report of a busy month holds them all.
  const busy = Array.from({ length: 27 }, (_, index) =>
    session(10, 21 + Math.floor(index / 3), { hour: 8 + (index % 3), painBefore: 5 }),
  );
  assert.equal(painRows(busy, defaultRange(NOW)).length, 27);
});

test("stops name the exercise or the whole routine, and the reason in the person's words", () => {
  const log = [
    session(11, 3, { status: "stopped", stopReason: "dizziness" }),
    session(11, 5, { exerciseStops: [{ exerciseId: "bridge", reason: "sharp-pain" }] }),
    session(11, 6, { exerciseStops: [{ exerciseId: "cat-cow", reason: "a-reason-from-later" }] }),
  ];
  assert.deepEqual(stopRows(log, defaultRange(NOW), REASONS), [
    { day: "Tue 3 Nov", routineTitle: "Back basics", what: "The whole routine", reason: "Dizziness" },
    { day: "Thu 5 Nov", routineTitle: "Back basics", what: "Bridge", reason: "Sharp or severe pain" },
    { day: "Fri 6 Nov", routineTitle: "Back basics", what: "cat-cow", reason: "a-reason-from-later" },
  ]);
});

test("notes leave out empty ones and those outside the range", () => {
  const log = [
    session(10, 1, { note: "Too early" }),
    session(11, 5, { note: "  Bridge hurt  " }),
    session(11, 6, { note: "   " }),
  ];
  assert.deepEqual(noteRows(log, defaultRange(NOW)), [
    { day: "Thu 5 Nov", routineTitle: "Back basics", note: "Bridge hurt" },
  ]);
});
