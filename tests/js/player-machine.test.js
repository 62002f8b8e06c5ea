import assert from "node:assert/strict";
import { test } from "node:test";

import {
  adjustRest,
  advance,
  back,
  elapsedInStepMs,
  pause,
  progress,
  ready,
  remainingInStepMs,
  resume,
  skipExercise,
  skipStep,
  startPlayer,
  waitsForReady,
} from "../../static/js/player/player-machine.js";
import { expandRoutine, totalSeconds } from "../../static/js/player/routine-steps.js";
import { item, twoItemRoutine } from "./routine-fixtures.js";

const T0 = 1_700_000_000_000;
const seconds = (value) => value * 1000;
const steps = expandRoutine(twoItemRoutine());
const kindAt = (state) => steps[state.index].kind;

test("starts on the first step, running", () => {
  const state = startPlayer(T0);
  assert.equal(kindAt(state), "get-ready");
  assert.equal(state.status, "running");
  assert.equal(remainingInStepMs(state, steps, T0), seconds(5));
});

test("advance moves on exactly when a step's time is up", () => {
  let { state, finished } = advance(startPlayer(T0), steps, T0 + seconds(5) - 1);
  assert.equal(kindAt(state), "get-ready");
  assert.deepEqual(finished, []);
  ({ state, finished } = advance(state, steps, T0 + seconds(5)));
  assert.equal(kindAt(state), "hold");
  assert.deepEqual(finished, [{ index: 0, outcome: "completed", elapsedMs: seconds(5) }]);
  assert.equal(state.stepStartedAt, T0 + seconds(5));
});

test("after a 30 s gap it lands on the step and second it should be at", () => {
  // get ready 5 + hold 5 + rest 3 + hold 5 = 18 s; then a 20 s rest between sets, 12 s into it.
  const { state, finished } = advance(startPlayer(T0), steps, T0 + seconds(30));
  assert.equal(kindAt(state), "rest-set");
  assert.equal(elapsedInStepMs(state, T0 + seconds(30)), seconds(12));
  assert.equal(remainingInStepMs(state, steps, T0 + seconds(30)), seconds(8));
  assert.deepEqual(
    finished.map((entry) => steps[entry.index].kind),
    ["get-ready", "hold", "rest-rep", "hold"],
  );
  assert.ok(finished.every((entry) => entry.outcome === "completed"));
});

test("many small ticks and one big gap end in the same place", () => {
  let ticked = startPlayer(T0);
  for (let now = T0; now <= T0 + seconds(47); now += 250) ticked = advance(ticked, steps, now).state;
  const jumped = advance(startPlayer(T0), steps, T0 + seconds(47)).state;
  assert.deepEqual(ticked, jumped);
});

test("a whole routine runs to done in its planned time", () => {
  const total = seconds(totalSeconds(steps));
  assert.equal(advance(startPlayer(T0), steps, T0 + total - 1).state.status, "running");
  const { state, finished } = advance(startPlayer(T0), steps, T0 + total);
  assert.equal(state.status, "done");
  assert.equal(finished.length, steps.length - 1);
});

test("both sides: left reps, switch sides, right reps", () => {
  const start = steps.findIndex((step) => step.itemIndex === 1);
  let state = { ...startPlayer(T0), index: start };
  const seen = [];
  // Bounded, so a player that never finishes fails here instead of hanging the run.
  for (let t = 0; state.status === "running" && t < 600_000; t += 1000) {
    const result = advance(state, steps, T0 + t);
    for (const entry of result.finished) seen.push(`${steps[entry.index].kind}:${steps[entry.index].side}`);
    state = result.state;
  }
  assert.notEqual(state.status, "running", "still running after 10 minutes");
  assert.deepEqual(seen, [
    "get-ready:left",
    "move:left",
    "move:left",
    "switch-sides:right",
    "move:right",
    "move:right",
  ]);
});

test("a moving rep with no hold takes its tempo", () => {
  const moving = expandRoutine({
    items: [
      item({
        hold_seconds: 0,
        rep_seconds: 4,
        reps: 3,
        rest_between_reps_seconds: 0,
        get_ready_seconds: 0,
        rest_after_seconds: 0,
      }),
    ],
  });
  assert.deepEqual(
    moving.map((step) => step.kind),
    ["move", "move", "move", "done"],
  );
  const { state } = advance(startPlayer(T0), moving, T0 + seconds(9));
  assert.equal(state.index, 2);
  assert.equal(remainingInStepMs(state, moving, T0 + seconds(9)), seconds(3));
});

test("pause freezes time and resume carries on from the same second", () => {
  let { state } = pause(startPlayer(T0), steps, T0 + seconds(7));
  assert.equal(state.status, "paused");
  assert.equal(kindAt(state), "hold");
  assert.equal(advance(state, steps, T0 + seconds(600)).state, state);
  assert.equal(remainingInStepMs(state, steps, T0 + seconds(600)), seconds(3));
  ({ state } = resume(state, T0 + seconds(600)));
  assert.equal(state.status, "running");
  assert.equal(remainingInStepMs(state, steps, T0 + seconds(600)), seconds(3));
  assert.equal(kindAt(advance(state, steps, T0 + seconds(603)).state), "rest-rep");
});

test("skip step ends the current step as skipped with the time spent", () => {
  const { state, finished } = skipStep(startPlayer(T0), steps, T0 + seconds(7));
  assert.deepEqual(finished, [
    { index: 0, outcome: "completed", elapsedMs: seconds(5) },
    { index: 1, outcome: "skipped", elapsedMs: seconds(2) },
  ]);
  assert.equal(kindAt(state), "rest-rep");
  assert.equal(remainingInStepMs(state, steps, T0 + seconds(7)), seconds(3));
});

test("skip while paused stays paused on the next step", () => {
  const paused = pause(startPlayer(T0), steps, T0 + seconds(1)).state;
  const { state } = skipStep(paused, steps, T0 + seconds(4));
  assert.equal(state.status, "paused");
  assert.equal(kindAt(state), "hold");
  assert.equal(remainingInStepMs(state, steps, T0 + seconds(100)), seconds(5));
});

test("skip exercise skips every remaining step of it, its rest after included", () => {
  const { state, finished } = skipExercise(startPlayer(T0), steps, T0 + seconds(6));
  const firstOfNext = steps.findIndex((step) => step.itemIndex === 1);
  assert.equal(state.index, firstOfNext);
  const skipped = finished.filter((entry) => entry.outcome === "skipped");
  assert.equal(skipped.length, firstOfNext - 1);
  assert.equal(skipped[0].elapsedMs, seconds(1));
  assert.ok(skipped.slice(1).every((entry) => entry.elapsedMs === 0));
});

test("skipping the last exercise finishes the routine", () => {
  const lastStart = steps.findIndex((step) => step.itemIndex === 1);
  const { state } = skipExercise({ ...startPlayer(T0), index: lastStart }, steps, T0 + seconds(1));
  assert.equal(state.status, "done");
});

test("back restarts the previous step from now", () => {
  const { state, finished } = back(startPlayer(T0), steps, T0 + seconds(7));
  assert.equal(kindAt(state), "get-ready");
  assert.equal(remainingInStepMs(state, steps, T0 + seconds(7)), seconds(5));
  assert.equal(finished.length, 1);
  assert.equal(back(state, steps, T0 + seconds(8)).state.index, 0);
});

test("plus or minus 10 s changes only a rest", () => {
  const onHold = advance(startPlayer(T0), steps, T0 + seconds(6)).state;
  assert.deepEqual(adjustRest(onHold, steps, 10, T0 + seconds(6)).state, onHold);

  const onRest = advance(startPlayer(T0), steps, T0 + seconds(20)).state;
  assert.equal(kindAt(onRest), "rest-set");
  const longer = adjustRest(onRest, steps, 10, T0 + seconds(20)).state;
  assert.equal(remainingInStepMs(longer, steps, T0 + seconds(20)), seconds(28));
  const shorter = adjustRest(longer, steps, -10, T0 + seconds(20)).state;
  assert.equal(remainingInStepMs(shorter, steps, T0 + seconds(20)), seconds(18));
});

test("shortening a rest past the time spent ends it now", () => {
  const onRest = advance(startPlayer(T0), steps, T0 + seconds(33)).state;
  assert.equal(remainingInStepMs(onRest, steps, T0 + seconds(33)), seconds(5));
  const { state, finished } = adjustRest(onRest, steps, -10, T0 + seconds(33));
  assert.equal(kindAt(state), "hold");
  assert.equal(state.stepStartedAt, T0 + seconds(33));
  assert.equal(finished.at(-1).outcome, "completed");
});

test("progress counts done steps and the part of the current one", () => {
  const now = T0 + seconds(30);
  const { state } = advance(startPlayer(T0), steps, now);
  const { doneSeconds, totalSeconds: planned } = progress(state, steps, now);
  assert.equal(doneSeconds, 30);
  assert.equal(planned, totalSeconds(steps));
});

test("the state is plain data that survives JSON, as stored on the device", () => {
  const { state } = pause(advance(startPlayer(T0), steps, T0 + seconds(12)).state, steps, T0 + seconds(12));
  assert.deepEqual(JSON.parse(JSON.stringify(state)), state);
});

test("a get-ready for a new posture waits however long it takes, then I'm ready starts the exercise", () => {
  const posture = { id: "all-fours", name: "on all fours", get_into: ["Push up onto your hands and knees."] };
  const waiting = expandRoutine({
    items: [item({ reps: 1, rest_after_seconds: 0, exercise: { id: "cat-cow", name: "Cat-cow", posture } })],
  });
  let state = advance(startPlayer(T0), waiting, T0 + seconds(120)).state;
  assert.equal(waiting[state.index].kind, "get-ready");
  assert.equal(waitsForReady(state, waiting), true);
  const { state: started, finished } = ready(state, waiting, T0 + seconds(121));
  assert.deepEqual(finished, [{ index: 0, outcome: "completed", elapsedMs: seconds(121) }]);
  assert.equal(waiting[started.index].kind, "hold");
  assert.equal(started.stepStartedAt, T0 + seconds(121));
  // From then on the clock runs as before: the 5 s hold ends the routine.
  state = advance(started, waiting, T0 + seconds(126)).state;
  assert.equal(state.status, "done");
  // I'm ready means nothing on a step that does not wait.
  assert.deepEqual(ready(started, waiting, T0 + seconds(122)), { state: started, finished: [] });
});
