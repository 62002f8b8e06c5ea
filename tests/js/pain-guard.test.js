import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { highPainAdvice, painGuardOutcome } from "../../static/js/safety/pain-guard.js";

const guard = JSON.parse(readFileSync(new URL("../../routines/safety.json", import.meta.url), "utf8")).pain_guard;
const session = (painBefore, painAfter, routineId = "back-basics") => ({ id: "s1", routineId, painBefore, painAfter });

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

test("the advice after a rise says ease off and keep moving, never rest", () => {
  const outcome = painGuardOutcome(guard, session(3, 6));
  assert.equal(outcome.advice, guard.advice);
  const words = outcome.advice.body.join(" ");
  assert.match(words, /keep moving/);
  assert.doesNotMatch(words, /\brest\b/);
});

test("pain up after the gentler routine itself suggests no routine, and says so", () => {
  const outcome = painGuardOutcome(guard, session(3, 6, guard.gentler_routine));
  assert.deepEqual([outcome.rose, outcome.afterGentler], [true, true]);
  assert.deepEqual(outcome.suggestion, { routineId: null, sessionId: "s1" });
  assert.equal(outcome.advice, guard.after_gentler);
  assert.equal(painGuardOutcome(guard, session(3, 4, guard.gentler_routine)).afterGentler, false);
});

test("pain of 7 or more before a session asks to start gently", () => {
  assert.equal(guard.high_before.at, 7);
  assert.equal(highPainAdvice(guard, 7), guard.high_before.advice);
  assert.equal(highPainAdvice(guard, 10), guard.high_before.advice);
  for (const pain of [0, 6, null, undefined]) assert.equal(highPainAdvice(guard, pain), null, String(pain));
});
