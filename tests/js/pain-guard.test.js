import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { painGuardOutcome } from "../../static/js/safety/pain-guard.js";

const guard = JSON.parse(readFileSync(new URL("../../routines/safety.json", import.meta.url), "utf8")).pain_guard;
const session = (painBefore, painAfter) => ({ id: "s1", painBefore, painAfter });

test("pain up by the guard's rise or more suggests the gentler routine next", () => {
  for (const [before, after] of [[3, 3 + guard.rise], [0, 10], [2, 2 + guard.rise + 1]]) {
    const outcome = painGuardOutcome(guard, session(before, after));
    assert.equal(outcome.rose, true, `${before} → ${after}`);
    assert.deepEqual(outcome.suggestion, { routineId: guard.gentler_routine, sessionId: "s1" });
  }
});

test("a smaller rise, no change or less pain clears an earlier suggestion", () => {
  for (const [before, after] of [[3, 3 + guard.rise - 1], [5, 5], [8, 1]]) {
    const outcome = painGuardOutcome(guard, session(before, after));
    assert.deepEqual([outcome.compared, outcome.rose, outcome.suggestion], [true, false, null], `${before} → ${after}`);
  }
});

test("a skipped answer compares nothing, so an earlier suggestion stands", () => {
  for (const [before, after] of [[null, 9], [2, null], [null, null], [undefined, 9]]) {
    const outcome = painGuardOutcome(guard, session(before, after));
    assert.deepEqual([outcome.compared, outcome.rose], [false, false]);
  }
});

test("zero before counts as an answer", () => {
  assert.equal(painGuardOutcome(guard, session(0, guard.rise)).rose, true);
});
