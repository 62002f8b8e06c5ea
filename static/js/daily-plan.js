/**
 * The daily plan, pure: from the plan's rules (`routines/plan.json`, served at /api/v1/plan),
 * today's check-in, the recent log and the person's choices, today's routine and the reasons
 * for it, as plain sentences for "Why this routine today". No DOM, no IndexedDB, no clock:
 * the caller says which local day today is.
 *
 * Days passing never step the plan up by themselves: only finished sessions with low pain do.
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

/** 0 for Sunday to 6 for Saturday, of a "YYYY-MM-DD" day. */
export function weekday(day) {
  return new Date(dayNumber(day) * 86_400_000).getUTCDay();
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/** Whether a session made things worse: pain rose by `rise` or more, or "Stop — this hurts" was used. */
function setback(session, stepDown) {
  const rose = session.painBefore != null && session.painAfter != null && session.painAfter - session.painBefore >= stepDown.pain_rise.value;
  const stopped = stepDown.after_stop && (session.stopReason != null || (session.exerciseStops ?? []).length > 0);
  return { rose, stopped };
}

/** The finished sessions with low pain in the window, and whether they earn the top level. */
function goodRun(rules, dated) {
  const { window_days: window, finished_sessions: needed, distinct_days: days, max_pain_after: max } = rules.step_up;
  const inWindow = dated.filter(({ age }) => age < window.value);
  const anySetback = inWindow.some(({ session }) => {
    const { rose, stopped } = setback(session, rules.step_down);
    return rose || stopped;
  });
  const low = inWindow.filter(({ session }) => session.status === "completed" && session.painAfter != null && session.painAfter <= max.value);
  const count = low.length;
  const ready = !anySetback && count >= needed.value && new Set(low.map(({ day }) => day)).size >= days.value;
  return { ready, count, values: { window: window.value, needed: needed.value, max: max.value, count } };
}

/** Whether a strength day is due: fewer than `per_week` in the last 7 days and a rest day kept. */
function strengthDue(rules, dated, strengthId) {
  const { per_week: perWeek, rest_days_between: rest } = rules.strength_days;
  // Today's own session does not count: Home must not swap the routine once it is done.
  const before = dated.filter(({ age, session }) => age >= 1 && age < 7 && session.routineId === strengthId && session.status === "completed");
  return before.length < perWeek.value && !before.some(({ age }) => age <= rest.value);
}

/**
 * Today's plan. `input`:
 * - `today`: the local day, "YYYY-MM-DD";
 * - `checkIn`: today's answer id, or null before the check-in;
 * - `sessions`: logged sessions (`routineId`, `startedAt`, `status`, `painBefore`, `painAfter`,
 *   `stopReason`, `exerciseStops`), any order;
 * - `choices`: `{ pickedRoutineId, deskBreak, workDays }` (work days as 0 = Sunday … 6);
 * - `routines`: the routine summaries (`id`, `title`) the device has: the catalog's, and the
 *   person's own, which may be their pick too (a pick no longer among them leaves the plan to choose).
 *
 * Returns `{ routineId, reasons, suggestedRoutineId, deskBreak, deskBreakReason }`:
 * `suggestedRoutineId` is what the plan alone would choose, `deskBreak` a routine id or null.
 */
export function dailyPlan(rules, { today, checkIn = null, sessions = [], choices = {}, routines = [] }) {
  const todayNumber = dayNumber(today);
  const dated = sessions
    .map((session) => {
      const day = localDay(new Date(session.startedAt));
      return { session, day, age: todayNumber - dayNumber(day) };
    })
    .filter(({ age }) => age >= 0);
  const { levels } = rules;
  const top = levels.length - 1;
  const answer = rules.check_in.answers.find((candidate) => candidate.id === checkIn) ?? null;
  const reasons = [answer ? answer.reason : rules.no_answer.reason];
  let level = answer ? answer.level : rules.no_answer.level;

  const within = rules.step_down.within_days.value;
  const recent = dated.filter(({ age }) => age < within).map(({ session }) => setback(session, rules.step_down));
  const rose = recent.some((outcome) => outcome.rose);
  const stopped = recent.some((outcome) => outcome.stopped);
  if ((rose || stopped) && level > 0) {
    level -= 1;
    const template = rose ? rules.step_down.reason_rise : rules.step_down.reason_stop;
    reasons.push(fill(template, { rise: rules.step_down.pain_rise.value, days: within }));
  }

  let suggested = levels[level];
  if (level === top) {
    const run = goodRun(rules, dated);
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

  const known = new Set(routines.map((routine) => routine.id));
  const picked = choices.pickedRoutineId && known.has(choices.pickedRoutineId) ? routines.find((routine) => routine.id === choices.pickedRoutineId) : null;
  let routineId = suggested;
  let shown = reasons;
  if (picked) {
    routineId = picked.id;
    shown = [fill(rules.picked.reason, { title: picked.title })];
    if (answer?.level === 0 && picked.id !== levels[0]) shown.push(rules.picked.bad_day_note);
  }

  const desk = rules.desk_break;
  const wantsDesk = choices.deskBreak && (choices.workDays ?? []).includes(weekday(today)) && !(answer && desk.not_on_answers.includes(answer.id));
  const deskBreak = wantsDesk && known.has(desk.routine) && desk.routine !== routineId ? desk.routine : null;
  return { routineId, reasons: shown, suggestedRoutineId: suggested, deskBreak, deskBreakReason: deskBreak ? desk.reason : null };
}
