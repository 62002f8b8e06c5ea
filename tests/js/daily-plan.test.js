import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { dailyPlan, localDay, weekday } from "../../static/js/plan/daily-plan.js";

const rules = JSON.parse(readFileSync(new URL("../../routines/plan.json", import.meta.url), "utf8"));
const routines = ["acute-relief", "back-basics", "daily-strength", "desk-break", "morning-mobility"].map((id) => ({
  id,
  title: id.replace(/-/g, " ").replace(/^./, (letter) => letter.toUpperCase()),
}));

// A Wednesday. Sessions are made at 10:00 local time, so the tests hold in every time zone.
const TODAY = "2026-12-02";
function daysAgo(days, hour = 10) {
  const [year, month, date] = TODAY.split("-").map(Number);
  return new Date(year, month - 1, date - days, hour).toISOString();
}
function session(days, overrides = {}) {
  return { routineId: "back-basics", startedAt: daysAgo(days), status: "completed", painBefore: 3, painAfter: 2, stopReason: null, exerciseStops: [], ...overrides };
}
/** Finished sessions with low pain on each of `days` days ago. */
const goodWeek = (days = [1, 3, 5], routineId = "back-basics") => days.map((age) => session(age, { routineId }));
const plan = (input) => dailyPlan(rules, { today: TODAY, routines, ...input });

test("the helpers read local days and weekdays", () => {
  assert.equal(localDay(new Date(2026, 0, 5, 23, 59)), "2026-01-05");
  assert.equal(weekday(TODAY), 3);
  assert.equal(weekday("2026-12-06"), 0);
});

test("a bad day offers Acute relief with the answer's reason, whatever the log", () => {
  for (const sessions of [[], goodWeek(), goodWeek([1, 2, 3, 4, 5], "daily-strength")]) {
    const today = plan({ checkIn: "bad", sessions });
    assert.equal(today.routineId, "acute-relief");
    assert.match(today.reasons[0], /bad today/);
  }
});

test("sore but moving offers Back basics", () => {
  const today = plan({ checkIn: "sore", sessions: goodWeek() });
  assert.equal(today.routineId, "back-basics");
  assert.match(today.reasons[0], /sore but moving/);
});

test("before the check-in the plan offers Acute relief, the gentlest, and asks the question", () => {
  const today = plan({ checkIn: null });
  assert.equal(today.routineId, "acute-relief");
  assert.match(today.reasons[0], /How is your back today/);
  assert.match(today.reasons[0], /Until then: Acute relief/);
});

test("a pain rise in a recent session steps the plan down for the next days, then no more", () => {
  const rise = session(1, { painBefore: 2, painAfter: 2 + rules.step_down.pain_rise.value });
  const sore = plan({ checkIn: "sore", sessions: [rise] });
  assert.equal(sore.routineId, "acute-relief");
  assert.match(sore.reasons.at(-1), /pain went up/);
  assert.equal(plan({ checkIn: "fine", sessions: [...goodWeek([2, 4, 5]), rise] }).routineId, "back-basics");

  const lastDay = rules.step_down.within_days.value - 1;
  assert.equal(plan({ checkIn: "sore", sessions: [{ ...rise, startedAt: daysAgo(lastDay) }] }).routineId, "acute-relief");
  assert.equal(plan({ checkIn: "sore", sessions: [{ ...rise, startedAt: daysAgo(lastDay + 1) }] }).routineId, "back-basics");
});

test("a smaller rise does not step down", () => {
  const small = session(1, { painBefore: 2, painAfter: 2 + rules.step_down.pain_rise.value - 1 });
  assert.equal(plan({ checkIn: "sore", sessions: [small] }).routineId, "back-basics");
});

test("a stop, of the session or of one exercise, steps the plan down", () => {
  for (const stop of [{ status: "stopped", stopReason: "sharp-pain" }, { exerciseStops: [{ exerciseId: "bridge", reason: "leg-symptoms" }] }]) {
    const today = plan({ checkIn: "sore", sessions: [session(0, stop)] });
    assert.equal(today.routineId, "acute-relief", JSON.stringify(stop));
    assert.match(today.reasons.at(-1), /stopped/);
  }
});

test("mostly fine moves on to Daily strength only after a good week of finished, low-pain sessions", () => {
  const today = plan({ checkIn: "fine", sessions: goodWeek() });
  assert.equal(today.routineId, "daily-strength");
  assert.match(today.reasons.at(-1), /finished 3 sessions/);
});

test("days passing alone do not move the plan on", () => {
  const longAgo = goodWeek([20, 40, 60]);
  for (const sessions of [[], longAgo]) {
    const today = plan({ checkIn: "fine", sessions });
    assert.equal(today.routineId, "back-basics");
    assert.match(today.reasons.at(-1), /So far: 0/);
  }
});

test("the good week needs enough finished sessions, on different days, with low pain after", () => {
  const max = rules.step_up.max_pain_after.value;
  const notEnough = [
    goodWeek([1, 3]),
    [session(1), session(1, { startedAt: daysAgo(1, 18) }), session(1, { startedAt: daysAgo(1, 20) })],
    goodWeek().map((entry, index) => (index === 0 ? { ...entry, painBefore: max + 1, painAfter: max + 1 } : entry)),
    goodWeek().map((entry, index) => (index === 0 ? { ...entry, status: "abandoned" } : entry)),
    [...goodWeek([1, 3, 4]), session(6, { status: "stopped", stopReason: "dizziness" })],
  ];
  for (const sessions of notEnough) assert.equal(plan({ checkIn: "fine", sessions }).routineId, "back-basics", JSON.stringify(sessions));
});

test("Daily strength comes about three times a week, with Back basics on the days between", () => {
  const yesterday = [...goodWeek([2, 4, 5]), session(1, { routineId: "daily-strength" })];
  const between = plan({ checkIn: "fine", sessions: yesterday });
  assert.equal(between.routineId, "back-basics");
  assert.match(between.reasons.at(-1), /about 3 days a week/);

  const threeThisWeek = ["daily-strength", "daily-strength", "daily-strength"].map((routineId, index) => session(2 + index * 2, { routineId }));
  assert.equal(plan({ checkIn: "fine", sessions: threeThisWeek }).routineId, "back-basics");
  const twoThisWeek = [...threeThisWeek.slice(0, 2), session(3)];
  assert.equal(plan({ checkIn: "fine", sessions: twoThisWeek }).routineId, "daily-strength");

  // Done today already: Home keeps today's routine rather than swapping it for another.
  assert.equal(plan({ checkIn: "fine", sessions: [...goodWeek([2, 4, 6]), session(0, { routineId: "daily-strength" })] }).routineId, "daily-strength");
});

test("a desk break is offered on work days when wanted, and not on a bad day", () => {
  const choices = { deskBreak: true, workDays: [1, 2, 3, 4, 5] };
  const workDay = plan({ checkIn: "sore", choices });
  assert.equal(workDay.deskBreak, "desk-break");
  assert.match(workDay.deskBreakReason, /work days/);
  assert.equal(plan({ checkIn: "sore", choices: { ...choices, workDays: [1, 2] } }).deskBreak, null);
  assert.equal(plan({ checkIn: "sore", choices: { ...choices, deskBreak: false } }).deskBreak, null);
  assert.equal(plan({ checkIn: "bad", choices }).deskBreak, null);
});

test("without a bad day or a setback the person's own pick wins", () => {
  const choices = { pickedRoutineId: "morning-mobility" };
  const sore = plan({ checkIn: "sore", choices });
  assert.equal(sore.routineId, "morning-mobility");
  assert.equal(sore.suggestedRoutineId, "back-basics");
  assert.deepEqual([sore.reasons, sore.lead, sore.usualRoutineId], [["You chose Morning mobility as your daily routine."], [], null]);
  assert.equal(plan({ checkIn: "fine", choices: { pickedRoutineId: "daily-strength" } }).routineId, "daily-strength");
  assert.equal(plan({ checkIn: "sore", choices: { pickedRoutineId: "gone-routine" } }).routineId, "back-basics");
});

test("before the day's answer a harder pick waits as the usual routine and the gentlest comes first", () => {
  for (const pickedRoutineId of ["daily-strength", "back-basics", "morning-mobility"]) {
    const unanswered = plan({ choices: { pickedRoutineId } });
    assert.equal(unanswered.routineId, "acute-relief", pickedRoutineId);
    assert.equal(unanswered.usualRoutineId, pickedRoutineId);
    assert.match(unanswered.reasons.at(-1), /daily routine\. Answer "How is your back today\?" and it is today's routine/);
  }
  // Acute relief itself, picked, is today's routine before any answer.
  const gentlest = plan({ choices: { pickedRoutineId: "acute-relief" } });
  assert.deepEqual([gentlest.routineId, gentlest.usualRoutineId], ["acute-relief", null]);
});

test("a bad day beats a harder pick, which waits as the usual routine, with the reason said above Start", () => {
  for (const pickedRoutineId of ["daily-strength", "back-basics", "morning-mobility"]) {
    const bad = plan({ checkIn: "bad", choices: { pickedRoutineId } });
    assert.equal(bad.routineId, "acute-relief", pickedRoutineId);
    assert.equal(bad.usualRoutineId, pickedRoutineId);
    assert.match(bad.lead[0], /You said your back is bad today/);
    assert.match(bad.reasons.at(-1), /daily routine\. It comes back once your back settles/);
  }
  // A pick no harder than the plan's routine still wins.
  const mine = plan({ checkIn: "bad", choices: { pickedRoutineId: "acute-relief" } });
  assert.deepEqual([mine.routineId, mine.usualRoutineId], ["acute-relief", null]);
  assert.match(mine.reasons[0], /You chose Acute relief/);
  assert.match(mine.lead[0], /bad today/);
});

test("a pain rise or a stop in the last days beats a harder pick too", () => {
  const rise = session(1, { painBefore: 2, painAfter: 2 + rules.step_down.pain_rise.value });
  const stop = session(0, { status: "stopped", stopReason: "sharp-pain" });
  for (const [sessions, words] of [[[rise], /pain went up/], [[stop], /You stopped/]]) {
    const sore = plan({ checkIn: "sore", sessions, choices: { pickedRoutineId: "daily-strength" } });
    assert.deepEqual([sore.routineId, sore.usualRoutineId], ["acute-relief", "daily-strength"]);
    assert.match(sore.lead.join(" "), words);
  }
  // Stepped down from Mostly fine to Back basics: a Back basics pick is no harder, and wins.
  const basics = plan({ checkIn: "fine", sessions: [rise], choices: { pickedRoutineId: "back-basics" } });
  assert.deepEqual([basics.routineId, basics.usualRoutineId], ["back-basics", null]);
  assert.match(basics.lead[0], /pain went up/);
  // Past the window the pick wins again.
  const later = plan({ checkIn: "sore", sessions: [{ ...rise, startedAt: daysAgo(rules.step_down.within_days.value) }], choices: { pickedRoutineId: "daily-strength" } });
  assert.deepEqual([later.routineId, later.lead], ["daily-strength", []]);
});

test("one of the person's own routines can be the pick, waits on a bad day, and once deleted the plan chooses again", () => {
  const mine = { id: "0b9d6f3e-6a55-4c1e-9d0e-2f4b8d1c7a01", title: "Two gentle ones" };
  const choices = { pickedRoutineId: mine.id, deskBreak: true, workDays: [3] };
  const withMine = plan({ checkIn: "sore", choices, routines: [...routines, mine] });
  assert.equal(withMine.routineId, mine.id);
  assert.equal(withMine.suggestedRoutineId, "back-basics");
  assert.deepEqual(withMine.reasons, ["You chose Two gentle ones as your daily routine."]);
  assert.equal(withMine.deskBreak, "desk-break", "the desk break is still offered beside it");
  // Its exercises are the person's choice, so it cannot be ranked gentler: on a bad day it waits.
  const bad = plan({ checkIn: "bad", choices, routines: [...routines, mine] });
  assert.deepEqual([bad.routineId, bad.usualRoutineId], ["acute-relief", mine.id]);

  const deleted = plan({ checkIn: "sore", choices, routines });
  assert.equal(deleted.routineId, "back-basics");
  assert.equal(deleted.usualRoutineId, null);
  assert.doesNotMatch(deleted.reasons.join(" "), /You chose/);
});

const YESTERDAY = "2026-12-01";
const calmAcute = (days, overrides = {}) => session(days, { routineId: "acute-relief", painBefore: 4, painAfter: 3, ...overrides });

test("the day after a bad day, sore stays at Acute relief until Acute relief went without a rise on a later day", () => {
  const earlierCheckIns = [{ day: YESTERDAY, answer: "bad" }];
  // The bad day's own calm session does not count.
  for (const checkIn of ["sore", "fine"]) {
    const held = plan({ checkIn, earlierCheckIns, sessions: [calmAcute(1)] });
    assert.equal(held.routineId, "acute-relief", checkIn);
    assert.equal(held.reasons.at(-1), rules.one_step.reason);
    assert.deepEqual(held.lead, [rules.one_step.reason]);
  }
  assert.equal(plan({ checkIn: "sore", earlierCheckIns }).routineId, "acute-relief");
  for (const unsettled of [calmAcute(0, { painAfter: null }), calmAcute(0, { painBefore: null }), calmAcute(0, { painAfter: 4 + rules.step_down.pain_rise.value })]) {
    assert.equal(plan({ checkIn: "sore", earlierCheckIns, sessions: [calmAcute(1), unsettled] }).routineId, "acute-relief", JSON.stringify(unsettled));
  }
  // Acute relief today, rated without a rise: the next step is Back basics.
  const stepped = plan({ checkIn: "sore", earlierCheckIns, sessions: [calmAcute(1), calmAcute(0, { painAfter: 5 })] });
  assert.equal(stepped.routineId, "back-basics");
  assert.deepEqual(stepped.lead, []);
  // It beats a harder pick, like a bad day.
  assert.equal(plan({ checkIn: "sore", earlierCheckIns, choices: { pickedRoutineId: "daily-strength" } }).usualRoutineId, "daily-strength");
});

test("a bad day holds the plan back only within one_step's window", () => {
  const window = rules.one_step.within_days.value;
  const badOn = (days) => [{ day: localDay(new Date(daysAgo(days))), answer: "bad" }];
  assert.equal(plan({ checkIn: "sore", earlierCheckIns: badOn(window - 1) }).routineId, "acute-relief");
  assert.equal(plan({ checkIn: "sore", earlierCheckIns: badOn(window) }).routineId, "back-basics");
  assert.equal(plan({ checkIn: "sore", earlierCheckIns: [{ day: YESTERDAY, answer: "sore" }] }).routineId, "back-basics");
});

test("while the latest session is Acute relief not rated without a rise, sore stays at Acute relief", () => {
  assert.equal(plan({ checkIn: "sore", sessions: [calmAcute(1, { painAfter: null })] }).routineId, "acute-relief");
  assert.equal(plan({ checkIn: "sore", sessions: [calmAcute(1)] }).routineId, "back-basics");
  assert.equal(plan({ checkIn: "sore", sessions: [calmAcute(2, { painAfter: null }), session(1)] }).routineId, "back-basics");
});

test("three good Acute relief days never step up to Daily strength: only Back basics or Daily strength sessions count", () => {
  const acuteWeek = plan({ checkIn: "fine", sessions: goodWeek([1, 3, 5], "acute-relief") });
  assert.equal(acuteWeek.routineId, "back-basics");
  assert.match(acuteWeek.reasons.at(-1), /sessions of Back basics \(or Daily strength\).*So far: 0\./);
  const mixed = [session(1, { routineId: "desk-break" }), session(3, { routineId: "morning-mobility" }), session(5)];
  assert.equal(plan({ checkIn: "fine", sessions: mixed }).routineId, "back-basics");
  // Daily strength sessions count too: a person already doing it keeps it.
  const strengthWeek = [session(2, { routineId: "daily-strength" }), session(4, { routineId: "daily-strength" }), session(6)];
  assert.equal(plan({ checkIn: "fine", sessions: strengthWeek }).routineId, "daily-strength");
});
