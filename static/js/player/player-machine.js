/**
 * The player as a pure state machine over the steps of `routine-steps.js`.
 *
 * Time comes only from the `now` (milliseconds) each transition is given: the state records
 * when the current step started, so after any gap (a hidden tab, a locked screen, a slow
 * device) `advance` lands on the step and the second the person should be at. Nothing
 * counts ticks. Every transition returns `{ state, finished }`: the new state (plain data,
 * safe to store) and the steps that ended, each `{ index, outcome, elapsedMs }`.
 */

import { REST_KINDS } from "./routine-steps.js";

const ADJUSTABLE = REST_KINDS;

export function startPlayer(now) {
  return { index: 0, stepStartedAt: now, pausedAt: null, status: "running", extraSeconds: {} };
}

export function stepDurationMs(state, steps, index = state.index) {
  return Math.max(0, steps[index].seconds + (state.extraSeconds[index] ?? 0)) * 1000;
}

/** Milliseconds spent in the current step, pauses excluded. */
export function elapsedInStepMs(state, now) {
  return Math.max(0, (state.pausedAt ?? now) - state.stepStartedAt);
}

export function remainingInStepMs(state, steps, now) {
  return Math.max(0, stepDurationMs(state, steps) - elapsedInStepMs(state, now));
}

function isDone(steps, index) {
  return steps[index].kind === "done";
}

/** Walk through every step whose time is up. */
export function advance(state, steps, now) {
  if (state.status !== "running") return { state, finished: [] };
  let { index, stepStartedAt } = state;
  const finished = [];
  while (!isDone(steps, index)) {
    // A get-ready for a new posture lasts until the person taps "I'm ready".
    if (steps[index].waitsForReady) break;
    const duration = stepDurationMs(state, steps, index);
    if (now - stepStartedAt < duration) break;
    finished.push({ index, outcome: "completed", elapsedMs: duration });
    // Advance by the exact duration, not to `now`: the next step started when this one ended.
    stepStartedAt += duration;
    index += 1;
  }
  const status = isDone(steps, index) ? "done" : "running";
  return { state: { ...state, index, stepStartedAt, status }, finished };
}

export function pause(state, steps, now) {
  const { state: current, finished } = advance(state, steps, now);
  if (current.status !== "running") return { state: current, finished };
  return { state: { ...current, status: "paused", pausedAt: now }, finished };
}

export function resume(state, now) {
  if (state.status !== "paused") return { state, finished: [] };
  return {
    state: { ...state, status: "running", stepStartedAt: state.stepStartedAt + (now - state.pausedAt), pausedAt: null },
    finished: [],
  };
}

/** Move to `index` from now on, keeping a pause a pause. */
function jumpTo(state, index, now) {
  const paused = state.status === "paused";
  return {
    ...state,
    index,
    stepStartedAt: now,
    pausedAt: paused ? now : null,
    status: paused ? "paused" : "running",
  };
}

function settled(transition, steps, _now) {
  // A jump can land on "done"; a running state may also have time to catch up on.
  const { state, finished } = transition;
  if (isDone(steps, state.index)) return { state: { ...state, status: "done", pausedAt: null }, finished };
  return { state, finished };
}

/** End the current step now, as skipped, with the time spent in it. */
export function skipStep(state, steps, now) {
  const { state: current, finished } = advance(state, steps, now);
  if (current.status === "done") return { state: current, finished };
  finished.push({ index: current.index, outcome: "skipped", elapsedMs: elapsedInStepMs(current, now) });
  return settled({ state: jumpTo(current, current.index + 1, now), finished }, steps, now);
}

/** Whether the current step waits for "I'm ready" rather than for the clock. */
export function waitsForReady(state, steps) {
  return Boolean(steps[state.index].waitsForReady);
}

/** "I'm ready": the waiting get-ready ends now, done, and the exercise starts. */
export function ready(state, steps, now) {
  const { state: current, finished } = advance(state, steps, now);
  if (!waitsForReady(current, steps)) return { state: current, finished };
  finished.push({ index: current.index, outcome: "completed", elapsedMs: elapsedInStepMs(current, now) });
  return settled({ state: jumpTo(current, current.index + 1, now), finished }, steps, now);
}

/** Skip the rest of the current exercise, its rest after included, to the next one's first step. */
export function skipExercise(state, steps, now) {
  const { state: current, finished } = advance(state, steps, now);
  if (current.status === "done") return { state: current, finished };
  const itemIndex = steps[current.index].itemIndex;
  let next = current.index;
  while (!isDone(steps, next) && steps[next].itemIndex === itemIndex) {
    finished.push({
      index: next,
      outcome: "skipped",
      elapsedMs: next === current.index ? elapsedInStepMs(current, now) : 0,
    });
    next += 1;
  }
  return settled({ state: jumpTo(current, next, now), finished }, steps, now);
}

/** Go back to the start of the previous step (or restart the first one). */
export function back(state, steps, now) {
  const { state: current, finished } = advance(state, steps, now);
  const target = Math.max(0, current.index - 1);
  const landed = jumpTo(current.status === "done" ? { ...current, status: "running" } : current, target, now);
  return { state: landed, finished };
}

export function canAdjust(state, steps) {
  return ADJUSTABLE.has(steps[state.index].kind);
}

/** Lengthen or shorten the current rest by `seconds`; shortening past the time spent ends it. */
export function adjustRest(state, steps, seconds, now) {
  const { state: current, finished } = advance(state, steps, now);
  if (!canAdjust(current, steps)) return { state: current, finished };
  const index = current.index;
  const elapsedSeconds = elapsedInStepMs(current, now) / 1000;
  const wanted = steps[index].seconds + (current.extraSeconds[index] ?? 0) + seconds;
  const extra = Math.max(wanted, elapsedSeconds) - steps[index].seconds;
  const adjusted = { ...current, extraSeconds: { ...current.extraSeconds, [index]: extra } };
  const caughtUp = advance(adjusted, steps, now);
  return { state: caughtUp.state, finished: [...finished, ...caughtUp.finished] };
}

/** Where the whole routine stands, for a progress bar: seconds done of seconds planned. */
export function progress(state, steps, now) {
  let done = 0;
  let total = 0;
  steps.forEach((_step, index) => {
    const duration = stepDurationMs(state, steps, index) / 1000;
    total += duration;
    if (index < state.index) done += duration;
  });
  if (!isDone(steps, state.index))
    done += Math.min(elapsedInStepMs(state, now) / 1000, stepDurationMs(state, steps) / 1000);
  return { doneSeconds: done, totalSeconds: total };
}
