import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { easeOff, highPainAdvice, painGuardOutcome } from "../../static/js/safety/pain-guard.js";

const guard = JSON.parse(readFileSync(new URL("../../routines/safety.json", import.meta.url), "utf8")).pain_guard;
// Started at 10:00 local time on 2 December 2026, so its day holds in every time zone.
const STARTED = new Date(2026, 11, 2, 10).toISOString();
const session = (painBefore, painAfter, routineId = "back-basics") => ({
  id: "s1",
  routineId,
  painBefore,
  painAfter,
  startedAt: STARTED,
});

test("pain up by the guard's rise or more suggests the gentler routine next", () => {
  for (const [before, after] of [
    [3, 3 + guard.rise],
    [0, 10],
    [2, 2 + guard.rise + 1],
  ]) {
    const outcome = painGuardOutcome(guard, session(before, after));
    assert.equal(outcome.rose, true, `${before} → ${after}`);
    assert.deepEqual(outcome.suggestion, { routineId: guard.gentler_routine, sessionId: "s1", day: "2026-12-02" });
  }
});

test("a smaller rise, no change or less pain clears an earlier suggestion", () => {
  for (const [before, after] of [
    [3, 3 + guard.rise - 1],
    [5, 5],
    [8, 1],
  ]) {
    const outcome = painGuardOutcome(guard, session(before, after));
    assert.deepEqual([outcome.compared, outcome.rose, outcome.suggestion], [true, false, null], `${before} → ${after}`);
  }
});

test("a skipped answer compares nothing, so an earlier suggestion stands", () => {
  for (const [before, after] of [
    [null, 9],
    [2, null],
    [null, null],
    [undefined, 9],
  ]) {
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
  assert.deepEqual(outcome.suggestion, { routineId: null, sessionId: "s1", day: "2026-12-02" });
  assert.equal(outcome.advice, guard.after_gentler);
  assert.equal(painGuardOutcome(guard, session(3, 4, guard.gentler_routine)).afterGentler, false);
});

test("pain of 7 or more before a session asks to start gently", () => {
  assert.equal(guard.high_before.at, 7);
  assert.equal(highPainAdvice(guard, 7), guard.high_before.advice);
  assert.equal(highPainAdvice(guard, 10), guard.high_before.advice);
  for (const pain of [0, 6, null, undefined]) assert.equal(highPainAdvice(guard, pain), null, String(pain));
});

test("the ease-off after the gentlest routine lasts that day and the next, as its advice says", () => {
  assert.match(guard.after_gentler.body[0], /today and tomorrow/);
  const { suggestion } = painGuardOutcome(guard, session(3, 6, guard.gentler_routine));
  assert.deepEqual(easeOff(suggestion, [], "2026-12-02"), { resumes: "2026-12-04" });
  assert.deepEqual(easeOff(suggestion, [], "2026-12-03"), { resumes: "2026-12-04" });
  assert.equal(easeOff(suggestion, [], "2026-12-04"), null);
  // Across a month's end too.
  assert.deepEqual(easeOff({ ...suggestion, day: "2026-11-30" }, [], "2026-12-01"), { resumes: "2026-12-02" });
});

test("an ease-off kept before it had a day is dated from its session in the log, or has ended", () => {
  const older = { routineId: null, sessionId: "s1" };
  assert.deepEqual(easeOff(older, [session(3, 6, guard.gentler_routine)], "2026-12-03"), { resumes: "2026-12-04" });
  assert.equal(easeOff(older, [session(3, 6, guard.gentler_routine)], "2026-12-05"), null);
  // Its session gone (the log deleted): not "None today" for ever.
  assert.equal(easeOff(older, [], "2026-12-25"), null);
  assert.equal(easeOff(older, [], "2026-12-02"), null);
});

test("the ease-off is dated from the pain rating at the session's end, not from its start", () => {
  // Started at 23:50, rated at 00:20: "today and tomorrow" are the day of the rating and the next.
  const late = {
    ...session(3, 6, guard.gentler_routine),
    startedAt: new Date(2026, 11, 2, 23, 50).toISOString(),
    endedAt: new Date(2026, 11, 3, 0, 20).toISOString(),
  };
  const { suggestion } = painGuardOutcome(guard, late);
  assert.equal(suggestion.day, "2026-12-03");
  assert.deepEqual(easeOff(suggestion, [late], "2026-12-04"), { resumes: "2026-12-05" });
  // An older suggestion without its day finds the same day from the session.
  assert.deepEqual(easeOff({ routineId: null, sessionId: "s1" }, [late], "2026-12-04"), { resumes: "2026-12-05" });
});

test("no suggestion, or the gentler routine suggested, is no ease-off", () => {
  assert.equal(easeOff(null, [], "2026-12-02"), null);
  assert.equal(easeOff(painGuardOutcome(guard, session(3, 6)).suggestion, [], "2026-12-02"), null);
});

test("high pain before a session, and a rise, say when to see a GP", () => {
  for (const advice of [guard.high_before.advice, guard.advice, guard.after_gentler]) {
    const words = advice.body.join(" ");
    for (const sign of [/very severe/, /getting worse/, /painkillers don't help/])
      assert.match(words, sign, advice.title);
  }
});
