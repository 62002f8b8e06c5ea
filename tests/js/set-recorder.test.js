import assert from "node:assert/strict";
import { test } from "node:test";

import { advance, back, skipExercise, skipStep, startPlayer } from "../../static/js/player/player-machine.js";
import { expandRoutine } from "../../static/js/player/routine-steps.js";
import { recordFinished } from "../../static/js/player/set-recorder.js";
import { twoItemRoutine } from "./routine-fixtures.js";

const T0 = 1_700_000_000_000;
const steps = expandRoutine(twoItemRoutine());

test("a set is recorded when its last rep ends, with the seconds held", () => {
  const { finished } = advance(startPlayer(T0), steps, T0 + 18_000);
  const { records } = recordFinished({}, steps, finished);
  assert.deepEqual(records, [
    {
      slot: "0:1:both",
      itemIndex: 0,
      set: 1,
      side: null,
      repsPlanned: 2,
      repsDone: 2,
      heldSeconds: [5, 5],
      skipped: false,
    },
  ]);
});

test("a hold cut short is recorded with the seconds actually held", () => {
  let { state, finished } = skipStep(startPlayer(T0), steps, T0 + 7_300);
  let recorded = recordFinished({}, steps, finished);
  ({ state, finished } = advance(state, steps, T0 + 7_300 + 8_000));
  recorded = recordFinished(recorded.slots, steps, finished);
  assert.equal(recorded.records.length, 1);
  assert.deepEqual(recorded.records[0].heldSeconds, [2.3, 5]);
  assert.equal(recorded.records[0].repsDone, 1);
  assert.equal(recorded.records[0].skipped, false);
});

test("each side of a two-sided set is its own record; moving reps have no hold times", () => {
  const { finished } = advance(startPlayer(T0), steps, T0 + 10 * 60_000);
  const { records } = recordFinished({}, steps, finished);
  assert.deepEqual(
    records.map((record) => record.slot),
    ["0:1:both", "0:2:both", "1:1:left", "1:1:right"],
  );
  const right = records.at(-1);
  assert.equal(right.side, "right");
  assert.equal(right.repsDone, 2);
  assert.deepEqual(right.heldSeconds, []);
});

test("a skipped exercise records its sets as skipped", () => {
  const { finished } = skipExercise(startPlayer(T0), steps, T0 + 1_000);
  const { records } = recordFinished({}, steps, finished);
  assert.deepEqual(
    records.map((record) => [record.slot, record.repsDone, record.skipped]),
    [
      ["0:1:both", 0, true],
      ["0:2:both", 0, true],
    ],
  );
});

test("a rep done again after back replaces its earlier outcome instead of counting twice", () => {
  let { state, finished } = advance(startPlayer(T0), steps, T0 + 13_000);
  let recorded = recordFinished({}, steps, finished);
  ({ state, finished } = back(state, steps, T0 + 13_000));
  recorded = recordFinished(recorded.slots, steps, finished);
  ({ state, finished } = back(state, steps, T0 + 13_000));
  recorded = recordFinished(recorded.slots, steps, finished);
  ({ finished } = advance(state, steps, T0 + 13_000 + 13_000));
  recorded = recordFinished(recorded.slots, steps, finished);
  assert.equal(recorded.records.length, 1);
  assert.equal(recorded.records[0].repsDone, 2);
  assert.deepEqual(recorded.records[0].heldSeconds, [5, 5]);
});
