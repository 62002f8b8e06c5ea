import assert from "node:assert/strict";
import { test } from "node:test";

import { expandRoutine, totalSeconds } from "../../static/js/player/routine-steps.js";
import { item, twoItemRoutine } from "./routine-fixtures.js";

const kinds = (steps) => steps.map((step) => step.kind);

test("a hold item: get ready, holds with rests between, sets with a rest between", () => {
  const steps = expandRoutine({
    items: [item({ sets: 2, reps: 2, rest_between_sets_seconds: 20, rest_after_seconds: 0 })],
  });
  assert.deepEqual(kinds(steps), [
    "get-ready",
    "hold",
    "rest-rep",
    "hold",
    "rest-set",
    "hold",
    "rest-rep",
    "hold",
    "done",
  ]);
  assert.deepEqual(
    steps.filter((step) => step.kind === "hold").map((step) => [step.set, step.rep, step.lastOfSlot]),
    [
      [1, 1, false],
      [1, 2, true],
      [2, 1, false],
      [2, 2, true],
    ],
  );
  assert.equal(totalSeconds(steps), 5 + 4 * 5 + 2 * 3 + 20);
});

test("a two-sided moving item does the left side, switches, then the right", () => {
  const steps = expandRoutine(twoItemRoutine()).filter((step) => step.itemIndex === 1);
  assert.deepEqual(kinds(steps), ["get-ready", "move", "move", "switch-sides", "move", "move"]);
  assert.deepEqual(
    steps.map((step) => step.side),
    ["left", "left", "left", "right", "right", "right"],
  );
  assert.ok(steps.filter((step) => step.kind === "move").every((step) => step.seconds === 4));
  assert.deepEqual(
    new Set(steps.filter((step) => step.slot).map((step) => step.slot)),
    new Set(["1:1:left", "1:1:right"]),
  );
});

test("the rest after an item comes before the next item, and never after the last", () => {
  const steps = expandRoutine(twoItemRoutine());
  const restAfter = steps.filter((step) => step.kind === "rest-exercise");
  assert.equal(restAfter.length, 1);
  assert.equal(restAfter[0].itemIndex, 0);
  assert.equal(steps.at(-1).kind, "done");
});

test("a warm-up comes first and counts in the total", () => {
  const routine = { ...twoItemRoutine(), warm_up: { instruction: "Walk around.", seconds: 60 } };
  const steps = expandRoutine(routine);
  assert.equal(steps[0].kind, "warm-up");
  assert.equal(totalSeconds(steps), 60 + totalSeconds(expandRoutine(twoItemRoutine())));
});

test("steps are numbered in order", () => {
  const steps = expandRoutine(twoItemRoutine());
  assert.deepEqual(
    steps.map((step) => step.index),
    steps.map((_, index) => index),
  );
});

const BACK = { id: "lying-on-back", name: "lying on your back, knees bent", get_into: ["Roll onto your back."] };
const FOURS = { id: "all-fours", name: "on all fours", get_into: ["Push up onto your hands and knees."] };
const SITTING = { id: "sitting", name: "sitting on a chair", get_into: ["Sit on a chair."] };
const inPosture = (posture, overrides = {}) =>
  item({ reps: 1, rest_after_seconds: 0, ...overrides, exercise: { id: posture.id, name: posture.name, posture } });

test("a get-ready waits for I'm ready where the posture changes, and the first one always", () => {
  const steps = expandRoutine({
    items: [inPosture(BACK), inPosture(BACK), inPosture(FOURS), inPosture(BACK, { get_ready_seconds: 0 })],
  });
  const readies = steps.filter((step) => step.kind === "get-ready");
  assert.deepEqual(
    readies.map((step) => [step.itemIndex, step.waitsForReady ?? false, step.posture?.id ?? null]),
    [
      [0, true, "lying-on-back"],
      [1, false, null],
      [2, true, "all-fours"],
      // Even with no get-ready time, a change of posture waits.
      [3, true, "lying-on-back"],
    ],
  );
  // The steps still add up to the routine's planned duration.
  assert.equal(totalSeconds(steps), 3 * 5 + 4 * 5);
});

test("an adaptation starts from its own posture", () => {
  const seated = { ...inPosture(FOURS), variant: { id: "seated", name: "Seated cat-cow", posture: SITTING } };
  const steps = expandRoutine({ items: [inPosture(FOURS), seated] });
  const second = steps.find((step) => step.kind === "get-ready" && step.itemIndex === 1);
  assert.equal(second.waitsForReady, true);
  assert.equal(second.posture.id, "sitting");
});
