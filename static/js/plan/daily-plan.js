/**
 * The daily plan, pure: from the plan's rules (`routines/plan.json`, served at /api/v1/plan),
 * today's check-in, the recent log and the person's choices, today's routine and the reasons
 * for it, as plain sentences for "Why this routine today". No DOM, no IndexedDB, no clock:
 * the caller says which local day today is.
 *
 * Days passing never step the plan up by themselves: only finished sessions with low pain do.
 * A bad day, a recent setback, or the first days after a bad day make the plan's gentler routine
 * today's routine even over the person's own pick, when the pick is harder or not one of the levels.
 */

/** A local calendar day as "YYYY-MM-DD". */
export function localDay(date) {
  const pad = (number) => String(number).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function dayNumber(day) {
  const [year, month, date] = day.split("-").map(Number);
  return Date.UTC(year, month - 1, date) / 86_400_000;
}

/** Whole local days from `day` to `today` (both "YYYY-MM-DD"): 0 for the same day, 1 for yesterday. */
export function daysBetween(day, today) {
  return dayNumber(today) - dayNumber(day);
}

/** The "YYYY-MM-DD" day `count` days after `day`. */
export function addDays(day, count) {
  const date = new Date((dayNumber(day) + count) * 86_400_000);
  const pad = (number) => String(number).padStart(2, "0");
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** 0 for Sunday to 6 for Saturday, of a "YYYY-MM-DD" day. */
export function weekday(day) {
  return new Date(dayNumber(day) * 86_400_000).getUTCDay();
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/** Whether a session made things worse: pain rose by `rise` or more, or "Stop — this hurts" was used. */
function setback(session, stepDown) {
  const rose =
    session.painBefore != null &&
    session.painAfter != null &&
    session.painAfter - session.painBefore >= stepDown.pain_rise.value;
  const stopped = stepDown.after_stop && (session.stopReason != null || (session.exerciseStops ?? []).length > 0);
  return { rose, stopped };
}

/** A session of the gentlest routine, with both pain answers and no rise: the one step that lifts a hold. */
function calmGentlest(rules, session) {
  const rated = session.painBefore != null && session.painAfter != null;
  return (
    session.routineId === rules.levels[0] &&
    rated &&
    session.painAfter - session.painBefore < rules.step_down.pain_rise.value
  );
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `day` is a "YYYY-MM-DD" day: an answer stored without one is skipped, never a crash. */
function validDay(day) {
  return typeof day === "string" && DAY.test(day) && Number.isFinite(dayNumber(day));
}

/**
 * How many days ago the latest bad answer within one_step's window was (0 when today's worst
 * answer was bad), or null when there was none: `answers` are `{ day, answer }`.
 */
function lastBadAge(rules, answers, today) {
  const bad = new Set(rules.check_in.answers.filter((answer) => answer.level === 0).map((answer) => answer.id));
  const ages = answers
    .filter((entry) => validDay(entry?.day) && bad.has(entry.answer))
    .map((entry) => daysBetween(entry.day, today));
  const within = ages.filter((age) => age >= 0 && age < rules.one_step.within_days.value);
  return within.length ? Math.min(...within) : null;
}

/**
 * One step at a time: whether the plan stays at the gentlest level although today's answer asks
 * for more, `badAge` days after a bad day. Only sessions on a later day than the bad day and
 * before today count: today's own session never swaps Home's routine, as one_step.reason says
 * "on a later day". It holds until enough calm sessions of the gentlest routine, and while the
 * latest of those days' sessions is of the gentlest routine and was not rated without a rise.
 */
function heldBack(rules, dated, badAge) {
  if (badAge == null) return false;
  const since = dated.filter(({ age }) => age >= 1 && age < badAge);
  if (since.filter(({ session }) => calmGentlest(rules, session)).length < rules.one_step.clear_sessions.value)
    return true;
  const latest = since.sort((a, b) => new Date(b.session.startedAt) - new Date(a.session.startedAt))[0];
  return latest.session.routineId === rules.levels[0] && !calmGentlest(rules, latest.session);
}

/**
 * The finished sessions with low pain in the window, and whether they earn the top level. Only
 * sessions of the level just below the top, or of the top itself, count: days of the gentlest
 * routine never jump straight to the hardest one.
 */
function goodRun(rules, dated, titles) {
  const { window_days: window, finished_sessions: needed, distinct_days: days, max_pain_after: max } = rules.step_up;
  const { levels } = rules;
  const counted = new Set(levels.slice(-2));
  const inWindow = dated.filter(({ age }) => age < window.value);
  const anySetback = inWindow.some(({ session }) => {
    const { rose, stopped } = setback(session, rules.step_down);
    return rose || stopped;
  });
  const low = inWindow.filter(
    ({ session }) =>
      counted.has(session.routineId) &&
      session.status === "completed" &&
      session.painAfter != null &&
      session.painAfter <= max.value,
  );
  const count = low.length;
  const ready = !anySetback && count >= needed.value && new Set(low.map(({ day }) => day)).size >= days.value;
  const below = titles(levels.at(-2));
  return {
    ready,
    count,
    values: { window: window.value, needed: needed.value, max: max.value, count, below, top: titles(levels.at(-1)) },
  };
}

/** Whether a strength day is due: fewer than `per_week` in the last 7 days and a rest day kept. */
function strengthDue(rules, dated, strengthId) {
  const { per_week: perWeek, rest_days_between: rest } = rules.strength_days;
  // Today's own session does not count: Home must not swap the routine once it is done.
  const before = dated.filter(
    ({ age, session }) => age >= 1 && age < 7 && session.routineId === strengthId && session.status === "completed",
  );
  return before.length < perWeek.value && !before.some(({ age }) => age <= rest.value);
}

/**
 * Today's plan. `input`:
 * - `today`: the local day, "YYYY-MM-DD";
 * - `checkIn`: today's answer id (the latest), or null before the check-in;
 * - `worstCheckIn`: the gentlest answer given today, when it was changed since (else `checkIn`):
 *   a "bad" changed to "sore" still counts as a bad day for one step at a time;
 * - `earlierCheckIns`: earlier days' answers (each day's worst), `{ day, answer }`, any order;
 *   an entry without a valid day is skipped;
 * - `sessions`: logged sessions (`routineId`, `startedAt`, `status`, `painBefore`, `painAfter`,
 *   `stopReason`, `exerciseStops`), any order;
 * - `choices`: `{ pickedRoutineId, deskBreak, workDays }` (work days as 0 = Sunday … 6);
 * - `routines`: the routine summaries (`id`, `title`) the device has: the catalog's, and the
 *   person's own, which may be their pick too (a pick no longer among them leaves the plan to choose).
 *
 * Returns `{ routineId, reasons, lead, suggestedRoutineId, usualRoutineId, deskBreak, deskBreakReason }`:
 * `suggestedRoutineId` is what the plan alone would choose; `lead` the sentences Home shows above
 * Start on a bad or flaring day, or in the days after a bad day (empty otherwise); `usualRoutineId`
 * the person's pick when the plan's gentler routine came first instead, else null; `deskBreak` a
 * routine id or null.
 */
export function dailyPlan(
  rules,
  { today, checkIn = null, worstCheckIn = checkIn, earlierCheckIns = [], sessions = [], choices = {}, routines = [] },
) {
  const todayNumber = dayNumber(today);
  const dated = sessions
    .map((session) => {
      const day = localDay(new Date(session.startedAt));
      return { session, day, age: todayNumber - dayNumber(day) };
    })
    .filter(({ age }) => age >= 0);
  const { levels } = rules;
  const top = levels.length - 1;
  const titles = (id) => routines.find((routine) => routine.id === id)?.title ?? id;
  const answer = rules.check_in.answers.find((candidate) => candidate.id === checkIn) ?? null;
  const reasons = [answer ? answer.reason : rules.no_answer.reason];
  // Said above Start as well as under "Why": what makes today a day for the gentler routine.
  const lead = answer?.level === 0 ? [answer.reason] : [];
  let level = answer ? answer.level : rules.no_answer.level;

  const within = rules.step_down.within_days.value;
  const recent = dated
    .filter(({ age }) => age < within)
    .map(({ session }) => ({ ...setback(session, rules.step_down), level: levels.indexOf(session.routineId) }));
  const setbacks = recent.filter((outcome) => outcome.rose || outcome.stopped);
  if (setbacks.length) {
    const template = setbacks.some((outcome) => outcome.rose)
      ? rules.step_down.reason_rise
      : rules.step_down.reason_stop;
    const reason = fill(template, { rise: rules.step_down.pain_rise.value, days: within });
    reasons.push(reason);
    lead.push(reason);
    if (level > 0) level -= 1;
    // Never harder than a routine of the levels that made things worse: after Acute relief
    // raised the pain, "Mostly fine" two days later is Acute relief again, not Back basics.
    const flared = setbacks.map((outcome) => outcome.level).filter((index) => index >= 0);
    level = Math.min(level, ...flared);
  }
  const todaysWorst = worstCheckIn ? [{ day: today, answer: worstCheckIn }] : [];
  const badAge = lastBadAge(rules, [...todaysWorst, ...earlierCheckIns], today);
  if (level > 0 && heldBack(rules, dated, badAge)) {
    level = 0;
    const reason = badAge === 0 ? rules.one_step.reason_today : rules.one_step.reason;
    reasons.push(reason);
    lead.push(reason);
  }

  let suggested = levels[level];
  let run = null;
  if (level === top) {
    run = goodRun(rules, dated, titles);
    if (!run.ready) {
      suggested = levels[top - 1];
      reasons.push(fill(rules.step_up.reason_not_yet, run.values));
    } else {
      reasons.push(fill(rules.step_up.reason_ready, run.values));
      if (!strengthDue(rules, dated, levels[top])) {
        suggested = rules.strength_days.between_routine;
        reasons.push(rules.strength_days.reason_between);
      }
    }
  }

  // A day for the gentler routine: a bad answer, a recent setback, a hold, or a bad day within
  // one_step's window even once the hold has lifted (the next step, never the person's harder pick).
  const gentleDay = lead.length > 0 || badAge != null;
  const known = new Set(routines.map((routine) => routine.id));
  const picked =
    choices.pickedRoutineId && known.has(choices.pickedRoutineId)
      ? routines.find((routine) => routine.id === choices.pickedRoutineId)
      : null;
  let routineId = suggested;
  let shown = reasons;
  let usualRoutineId = null;
  if (picked) {
    // Before the day's answer, and on a gentler day, the pick wins only when it is a level no
    // harder than the plan's; a routine outside the levels (the person's own, any exercises)
    // cannot be ranked, so it waits too. Someone mid-spasm who skips the question never gets
    // a harder routine one tap away. The top level, picked, also waits for the step-up run.
    const pickLevel = levels.indexOf(picked.id);
    const gentleEnough = pickLevel >= 0 && pickLevel <= levels.indexOf(suggested);
    const topRun = pickLevel === top ? (run ?? goodRun(rules, dated, titles)) : null;
    if (gentleEnough || (answer && !gentleDay && (!topRun || topRun.ready))) {
      routineId = picked.id;
      shown = [fill(rules.picked.reason, { title: picked.title }), ...lead];
    } else {
      usualRoutineId = picked.id;
      const waits = !answer ? rules.picked.until_answered : gentleDay ? rules.picked.set_aside : rules.picked.not_ready;
      const aside = fill(waits, { title: picked.title });
      shown = [...reasons, aside];
      if (answer && !gentleDay && !run) shown.push(fill(rules.step_up.reason_not_yet, topRun.values));
      // After a bad day with the hold lifted, nothing else says why above Start.
      if (gentleDay && lead.length === 0) lead.push(aside);
    }
  }

  // Only on an ordinary day: before the answer, on a bad day, or on any gentler day the desk
  // break's leg raises are one more thing than the day's routine.
  const desk = rules.desk_break;
  const ordinaryDay = answer && !desk.not_on_answers.includes(answer.id) && !gentleDay;
  const wantsDesk = ordinaryDay && choices.deskBreak && (choices.workDays ?? []).includes(weekday(today));
  const deskBreak = wantsDesk && known.has(desk.routine) && desk.routine !== routineId ? desk.routine : null;
  return {
    routineId,
    reasons: shown,
    lead,
    suggestedRoutineId: suggested,
    usualRoutineId,
    deskBreak,
    deskBreakReason: deskBreak ? desk.reason : null,
  };
}
