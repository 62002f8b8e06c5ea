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
  return {
    routineId: "back-basics",
    startedAt: daysAgo(days),
    status: "completed",
    painBefore: 3,
    painAfter: 2,
    stopReason: null,
    exerciseStops: [],
    ...overrides,
  };
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
  assert.equal(
    plan({ checkIn: "sore", sessions: [{ ...rise, startedAt: daysAgo(lastDay) }] }).routineId,
    "acute-relief",
  );
  assert.equal(
    plan({ checkIn: "sore", sessions: [{ ...rise, startedAt: daysAgo(lastDay + 1) }] }).routineId,
    "back-basics",
  );
});

test("a smaller rise does not step down", () => {
  const small = session(1, { painBefore: 2, painAfter: 2 + rules.step_down.pain_rise.value - 1 });
  assert.equal(plan({ checkIn: "sore", sessions: [small] }).routineId, "back-basics");
});

test("a stop, of the session or of one exercise, steps the plan down", () => {
  for (const stop of [
    { status: "stopped", stopReason: "sharp-pain" },
    { exerciseStops: [{ exerciseId: "bridge", reason: "leg-symptoms" }] },
  ]) {
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
  for (const sessions of notEnough)
    assert.equal(plan({ checkIn: "fine", sessions }).routineId, "back-basics", JSON.stringify(sessions));
});

test("Daily strength comes about three times a week, with Back basics on the days between", () => {
  const yesterday = [...goodWeek([2, 4, 5]), session(1, { routineId: "daily-strength" })];
  const between = plan({ checkIn: "fine", sessions: yesterday });
  assert.equal(between.routineId, "back-basics");
  assert.match(between.reasons.at(-1), /about 3 days a week/);

  const threeThisWeek = ["daily-strength", "daily-strength", "daily-strength"].map((routineId, index) =>
    session(2 + index * 2, { routineId }),
  );
  assert.equal(plan({ checkIn: "fine", sessions: threeThisWeek }).routineId, "back-basics");
  const twoThisWeek = [...threeThisWeek.slice(0, 2), session(3)];
  assert.equal(plan({ checkIn: "fine", sessions: twoThisWeek }).routineId, "daily-strength");

  // Done today already: Home keeps today's routine rather than swapping it for another.
  assert.equal(
    plan({ checkIn: "fine", sessions: [...goodWeek([2, 4, 6]), session(0, { routineId: "daily-strength" })] })
      .routineId,
    "daily-strength",
  );
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
  assert.deepEqual(
    [sore.reasons, sore.lead, sore.usualRoutineId],
    [["You chose Morning mobility as your daily routine."], [], null],
  );
  assert.equal(
    plan({ checkIn: "fine", sessions: goodWeek(), choices: { pickedRoutineId: "daily-strength" } }).routineId,
    "daily-strength",
  );
  assert.equal(plan({ checkIn: "sore", choices: { pickedRoutineId: "gone-routine" } }).routineId, "back-basics");
});

test("Daily strength, picked, waits until the step-up run is ready, on any answer", () => {
  const choices = { pickedRoutineId: "daily-strength" };
  // Three calm Acute relief days, then "Mostly fine": never straight to curl-ups, picked or not.
  for (const [checkIn, sessions] of [
    ["fine", goodWeek([1, 2, 3], "acute-relief")],
    ["sore", []],
    ["fine", goodWeek([1, 3])],
  ]) {
    const today = plan({ checkIn, sessions, choices });
    assert.deepEqual(
      [today.routineId, today.usualRoutineId],
      ["back-basics", "daily-strength"],
      `${checkIn} ${sessions.length}`,
    );
    assert.equal(
      today.reasons.filter((reason) => /It comes once your recent sessions show you are ready for it\./.test(reason))
        .length,
      1,
    );
    assert.equal(
      today.reasons.filter((reason) => /Daily strength comes once you have finished 3 sessions.*So far/.test(reason))
        .length,
      1,
    );
  }
  // Ready: the pick wins, on a sore day too.
  assert.equal(plan({ checkIn: "sore", sessions: goodWeek(), choices }).routineId, "daily-strength");
});

test("before the day's answer a harder pick waits as the usual routine and the gentlest comes first", () => {
  for (const pickedRoutineId of ["daily-strength", "back-basics", "morning-mobility"]) {
    const unanswered = plan({ choices: { pickedRoutineId } });
    assert.equal(unanswered.routineId, "acute-relief", pickedRoutineId);
    assert.equal(unanswered.usualRoutineId, pickedRoutineId);
    assert.match(
      unanswered.reasons.at(-1),
      /daily routine\. Answer "How is your back today\?" and it is today's routine/,
    );
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
  for (const [sessions, words] of [
    [[rise], /pain went up/],
    [[stop], /You stopped/],
  ]) {
    const sore = plan({ checkIn: "sore", sessions, choices: { pickedRoutineId: "daily-strength" } });
    assert.deepEqual([sore.routineId, sore.usualRoutineId], ["acute-relief", "daily-strength"]);
    assert.match(sore.lead.join(" "), words);
  }
  // Stepped down from Mostly fine to Back basics: a Back basics pick is no harder, and wins.
  const basics = plan({ checkIn: "fine", sessions: [rise], choices: { pickedRoutineId: "back-basics" } });
  assert.deepEqual([basics.routineId, basics.usualRoutineId], ["back-basics", null]);
  assert.match(basics.lead[0], /pain went up/);
  // Past the window the pick wins again.
  const later = plan({
    checkIn: "sore",
    sessions: [{ ...rise, startedAt: daysAgo(rules.step_down.within_days.value) }],
    choices: { pickedRoutineId: "morning-mobility" },
  });
  assert.deepEqual([later.routineId, later.lead], ["morning-mobility", []]);
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
const calmAcute = (days, overrides = {}) =>
  session(days, { routineId: "acute-relief", painBefore: 4, painAfter: 3, ...overrides });

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
  for (const unsettled of [
    calmAcute(0, { painAfter: null }),
    calmAcute(0, { painBefore: null }),
    calmAcute(0, { painAfter: 4 + rules.step_down.pain_rise.value }),
  ]) {
    assert.equal(
      plan({ checkIn: "sore", earlierCheckIns, sessions: [calmAcute(1), unsettled] }).routineId,
      "acute-relief",
      JSON.stringify(unsettled),
    );
  }
  // Acute relief today, rated without a rise: Home keeps Acute relief today rather than swap it
  // the moment the session ends; the next day, the next step is Back basics.
  const sameDay = plan({ checkIn: "sore", earlierCheckIns, sessions: [calmAcute(1), calmAcute(0, { painAfter: 5 })] });
  assert.deepEqual([sameDay.routineId, sameDay.lead], ["acute-relief", [rules.one_step.reason]]);
  const nextDay = dailyPlan(rules, {
    today: "2026-12-03",
    routines,
    checkIn: "sore",
    earlierCheckIns,
    sessions: [calmAcute(1), calmAcute(0, { painAfter: 5 })],
  });
  assert.equal(nextDay.routineId, "back-basics");
  assert.deepEqual(nextDay.lead, []);
  // It beats a harder pick, like a bad day.
  assert.equal(
    plan({ checkIn: "sore", earlierCheckIns, choices: { pickedRoutineId: "daily-strength" } }).usualRoutineId,
    "daily-strength",
  );
});

test("a bad day holds the plan back only within one_step's window", () => {
  const window = rules.one_step.within_days.value;
  const badOn = (days) => [{ day: localDay(new Date(daysAgo(days))), answer: "bad" }];
  assert.equal(plan({ checkIn: "sore", earlierCheckIns: badOn(window - 1) }).routineId, "acute-relief");
  assert.equal(plan({ checkIn: "sore", earlierCheckIns: badOn(window) }).routineId, "back-basics");
  assert.equal(
    plan({ checkIn: "sore", earlierCheckIns: [{ day: YESTERDAY, answer: "sore" }] }).routineId,
    "back-basics",
  );
});

test("after a bad day, while the latest session is Acute relief not rated without a rise, sore stays at Acute relief", () => {
  const earlierCheckIns = [{ day: localDay(new Date(daysAgo(3))), answer: "bad" }];
  const latestUnrated = [calmAcute(2), calmAcute(1, { painAfter: null })];
  assert.equal(plan({ checkIn: "sore", earlierCheckIns, sessions: latestUnrated }).routineId, "acute-relief");
  assert.equal(
    plan({ checkIn: "sore", earlierCheckIns, sessions: [calmAcute(2), calmAcute(1)] }).routineId,
    "back-basics",
  );
  assert.equal(
    plan({
      checkIn: "sore",
      earlierCheckIns,
      sessions: [calmAcute(2, { painAfter: null }), calmAcute(2, { startedAt: daysAgo(2, 8) }), session(1)],
    }).routineId,
    "back-basics",
  );
});

test("with no bad answer, a skipped pain rating after Acute relief holds nothing back and claims no bad day", () => {
  for (const sessions of [
    [calmAcute(1, { painAfter: null })],
    [calmAcute(1, { painBefore: null })],
    [calmAcute(5, { painAfter: null })],
  ]) {
    const sore = plan({ checkIn: "sore", sessions });
    assert.equal(sore.routineId, "back-basics", JSON.stringify(sessions));
    assert.doesNotMatch([...sore.reasons, ...sore.lead].join(" "), /bad in the last few days/);
  }
});

test("after Acute relief raised the pain, nothing harder than Acute relief comes while the setback stands", () => {
  const flare = calmAcute(2, { painBefore: 3, painAfter: 3 + rules.step_down.pain_rise.value });
  for (const checkIn of ["sore", "fine"]) {
    const today = plan({ checkIn, sessions: [flare], choices: { pickedRoutineId: "daily-strength" } });
    assert.deepEqual([today.routineId, today.usualRoutineId], ["acute-relief", "daily-strength"], checkIn);
    assert.match(today.lead[0], /pain went up/);
    assert.doesNotMatch(today.lead.join(" "), /bad in the last few days/);
  }
});

test("three good Acute relief days never step up to Daily strength: only Back basics or Daily strength sessions count", () => {
  const acuteWeek = plan({ checkIn: "fine", sessions: goodWeek([1, 3, 5], "acute-relief") });
  assert.equal(acuteWeek.routineId, "back-basics");
  assert.match(acuteWeek.reasons.at(-1), /sessions of Back basics \(or Daily strength\).*So far: 0\./);
  const mixed = [session(1, { routineId: "desk-break" }), session(3, { routineId: "morning-mobility" }), session(5)];
  assert.equal(plan({ checkIn: "fine", sessions: mixed }).routineId, "back-basics");
  // Daily strength sessions count too: a person already doing it keeps it.
  const strengthWeek = [
    session(2, { routineId: "daily-strength" }),
    session(4, { routineId: "daily-strength" }),
    session(6),
  ];
  assert.equal(plan({ checkIn: "fine", sessions: strengthWeek }).routineId, "daily-strength");
});

test("in the week after a bad day a harder pick, or the person's own routine, never wins once the hold lifts", () => {
  const earlierCheckIns = [{ day: localDay(new Date(daysAgo(2))), answer: "bad" }];
  const mine = { id: "0b9d6f3e-6a55-4c1e-9d0e-2f4b8d1c7a01", title: "My hard one" };
  for (const [checkIn, pickedRoutineId] of [
    ["sore", "daily-strength"],
    ["fine", "daily-strength"],
    ["sore", mine.id],
    ["fine", mine.id],
  ]) {
    const today = plan({
      checkIn,
      earlierCheckIns,
      sessions: [calmAcute(1)],
      choices: { pickedRoutineId },
      routines: [...routines, mine],
    });
    assert.deepEqual(
      [today.routineId, today.usualRoutineId],
      ["back-basics", pickedRoutineId],
      `${checkIn} ${pickedRoutineId}`,
    );
    // Said above Start, since no hold or setback says it.
    assert.match(today.lead.join(" "), /It comes back once your back settles: on a bad day, in the week after one/);
  }
  // A pick no harder than the plan's routine still wins; past the window the pick wins again.
  assert.equal(
    plan({ checkIn: "sore", earlierCheckIns, sessions: [calmAcute(1)], choices: { pickedRoutineId: "back-basics" } })
      .routineId,
    "back-basics",
  );
  const longAgo = [{ day: localDay(new Date(daysAgo(rules.one_step.within_days.value))), answer: "bad" }];
  assert.equal(
    plan({
      checkIn: "sore",
      earlierCheckIns: longAgo,
      choices: { pickedRoutineId: mine.id },
      routines: [...routines, mine],
    }).routineId,
    mine.id,
  );
});

test("a bad answer changed the same day still holds the plan at Acute relief, and says so honestly", () => {
  for (const checkIn of ["sore", "fine"]) {
    const today = plan({
      checkIn,
      worstCheckIn: "bad",
      sessions: goodWeek(),
      choices: { pickedRoutineId: "daily-strength" },
    });
    assert.deepEqual([today.routineId, today.usualRoutineId], ["acute-relief", "daily-strength"], checkIn);
    assert.deepEqual(today.lead, [rules.one_step.reason_today]);
    assert.match(today.lead[0], /earlier today/);
  }
  // A better answer changed to a worse one is simply today's answer.
  assert.equal(plan({ checkIn: "fine", worstCheckIn: "sore", sessions: goodWeek() }).routineId, "daily-strength");
});

test("the desk break is offered only once the day is answered and is not a gentler day", () => {
  const choices = { deskBreak: true, workDays: [0, 1, 2, 3, 4, 5, 6] };
  const rise = session(1, { painBefore: 2, painAfter: 2 + rules.step_down.pain_rise.value });
  const badYesterday = [{ day: YESTERDAY, answer: "bad" }];
  const gentler = {
    "before the answer": plan({ choices }),
    "a bad day": plan({ checkIn: "bad", choices }),
    "a step-down": plan({ checkIn: "fine", sessions: [rise], choices }),
    "a hold": plan({ checkIn: "sore", earlierCheckIns: badYesterday, choices }),
    "bad changed to sore": plan({ checkIn: "sore", worstCheckIn: "bad", choices }),
  };
  for (const [day, today] of Object.entries(gentler))
    assert.deepEqual([today.deskBreak, today.deskBreakReason], [null, null], day);
  assert.equal(plan({ checkIn: "fine", sessions: goodWeek(), choices }).deskBreak, "desk-break");
});

test("an earlier answer stored without a valid day is skipped, never a crash", () => {
  const broken = [
    { answer: "bad" },
    { day: null, answer: "bad" },
    { day: "yesterday", answer: "bad" },
    { day: 20261201, answer: "bad" },
    null,
  ];
  const today = plan({ checkIn: "sore", earlierCheckIns: broken });
  assert.deepEqual([today.routineId, today.lead], ["back-basics", []]);
  // A valid one beside them still counts.
  assert.equal(
    plan({ checkIn: "sore", earlierCheckIns: [...broken, { day: YESTERDAY, answer: "bad" }] }).routineId,
    "acute-relief",
  );
});
