import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { functionChart, functionSummary } from "../../static/js/function-check/function-check-chart.js";
import {
  checkOfThisWeek,
  formRows,
  isCheckDue,
  readForm,
  toCheckPayload,
  WEEK_MS,
} from "../../static/js/function-check/function-check-plan.js";

const NOW = Date.parse("2026-12-01T12:00:00.000Z");
const DAY = 24 * 60 * 60 * 1000;

function check(
  daysAgo,
  activities = [
    ["Putting on socks", 4],
    ["Sitting for an hour", 6],
  ],
  fields = {},
) {
  const takenAt = new Date(NOW - daysAgo * DAY).toISOString();
  return {
    id: `id-${daysAgo}`,
    takenAt,
    updatedAt: takenAt,
    activities: activities.map(([name, score]) => ({ name, score })),
    ...fields,
  };
}

test("Home offers the check when none was taken in seven days", () => {
  assert.equal(isCheckDue([], null, NOW), true);
  assert.equal(isCheckDue([check(8)], null, NOW), true);
  assert.equal(isCheckDue([check(8), check(6.9)], null, NOW), false);
  assert.equal(isCheckDue([check(-1)], null, NOW), false);
  assert.equal(isCheckDue([check(-400)], null, NOW), true);
});

test("Not now puts the card off for exactly a week", () => {
  assert.equal(isCheckDue([], NOW - 6 * DAY, NOW), false);
  assert.equal(isCheckDue([], NOW - WEEK_MS, NOW), true);
  // A snooze from a clock that ran ahead must not hide the card for ever.
  assert.equal(isCheckDue([], NOW + 30 * DAY, NOW), true);
});

test("the first form is three empty rows", () => {
  assert.deepEqual(formRows([], NOW), {
    editing: null,
    rows: [
      { name: "", score: null },
      { name: "", score: null },
      { name: "", score: null },
    ],
  });
});

test("a new week offers last week's names to rate again, without their scores", () => {
  const { editing, rows } = formRows([check(20, [["Old", 1]]), check(9)], NOW);
  assert.equal(editing, null);
  assert.deepEqual(rows, [
    { name: "Putting on socks", score: null },
    { name: "Sitting for an hour", score: null },
    { name: "", score: null },
  ]);
});

test("within seven days the form edits that check, with its scores", () => {
  const recent = check(2);
  const { editing, rows } = formRows([check(9), recent], NOW);
  assert.equal(editing, recent);
  assert.equal(checkOfThisWeek([check(9), recent], NOW), recent);
  assert.deepEqual(rows.slice(0, 2), [
    { name: "Putting on socks", score: 4 },
    { name: "Sitting for an hour", score: 6 },
  ]);
});

test("a filled form is its named and rated activities, trimmed; empty rows are left out", () => {
  const rows = [
    { name: "  Socks ", score: 3 },
    { name: "", score: null },
    { name: "Stairs", score: 0 },
  ];
  assert.deepEqual(readForm(rows), {
    activities: [
      { name: "Socks", score: 3 },
      { name: "Stairs", score: 0 },
    ],
  });
});

test("two activity names are one activity on the device exactly when the server says so", () => {
  const { pairs } = JSON.parse(readFileSync(new URL("../activity-name-pairs.json", import.meta.url)));
  for (const { names, distinct } of pairs) {
    const verdict = readForm(names.map((name) => ({ name, score: 3 })));
    assert.equal(!verdict.error, distinct, names.join(" / "));
  }
});

test("a half-filled or repeated row says which row to fix", () => {
  assert.deepEqual(readForm([{ name: "Socks", score: null }]).row, 0);
  assert.match(readForm([{ name: "Socks", score: null }]).error, /Rate this activity/);
  assert.deepEqual(
    readForm([
      { name: "Socks", score: 2 },
      { name: " ", score: 5 },
    ]).row,
    1,
  );
  assert.deepEqual(
    readForm([
      { name: "Socks", score: 2 },
      { name: "socks", score: 5 },
    ]).row,
    1,
  );
  assert.deepEqual(readForm([{ name: "x".repeat(61), score: 5 }]).row, 0);
  assert.deepEqual(readForm([{ name: "", score: null }]).row, null);
});

test("the payload is the check's own fields only", () => {
  const local = { ...check(1), extra: true };
  local.activities[0].local = 1;
  assert.deepEqual(Object.keys(toCheckPayload(local)), ["id", "takenAt", "updatedAt", "activities"]);
  assert.deepEqual(toCheckPayload(local).activities[0], { name: "Putting on socks", score: 4 });
});

test("the chart draws a line per activity of the latest check, oldest check left, 0 at the bottom", () => {
  const chart = functionChart([
    check(7, [
      ["Socks", 10],
      ["Old", 2],
    ]),
    check(14, [["Socks", 0]]),
    check(0, [
      ["Socks", 5],
      ["Stairs", 7],
    ]),
  ]);
  assert.deepEqual(
    chart.lines.map((line) => line.name),
    ["Socks", "Stairs"],
  );
  const socks = chart.lines[0].points;
  assert.deepEqual(
    socks.map((point) => point.value),
    [0, 10, 5],
  );
  assert.ok(socks[0].x < socks[1].x && socks[1].x < socks[2].x);
  assert.equal(socks[0].y, chart.plot.bottom);
  assert.equal(socks[1].y, chart.plot.top);
  assert.deepEqual(
    chart.lines[1].points.map((point) => point.value),
    [7],
  );
  assert.match(functionSummary(chart), /Socks: 0 on .*, 5 on .*; Stairs: 7 on /);
});
