import assert from "node:assert/strict";
import { test } from "node:test";

import * as machine from "../../static/js/player/player-machine.js";
import { expandRoutine } from "../../static/js/player/routine-steps.js";
import { ringFraction } from "../../static/js/views/player/dial-ring.js";
import { item } from "./routine-fixtures.js";

const routine = {
  id: "ring",
  title: "Ring",
  warm_up: null,
  items: [
    item({ reps: 1, hold_seconds: 10, rest_after_seconds: 0 }),
    item({ reps: 2, hold_seconds: 0, rep_seconds: 4, rest_between_reps_seconds: 0, rest_after_seconds: 0 }),
  ],
};
const steps = expandRoutine(routine);
const at = (seconds) => machine.advance(machine.startPlayer(0), steps, seconds * 1000).state;

test("the ring empties through a countdown, from the clock's timestamps", () => {
  // Get ready 5 s, then the 10 s hold.
  assert.equal(ringFraction(at(0), steps, 0), 1);
  assert.equal(ringFraction(at(2.5), steps, 2500), 0.5);
  assert.equal(ringFraction(at(5), steps, 5000), 1);
  assert.equal(ringFraction(at(12.5), steps, 12_500), 0.25);
});

test("the ring fills once a rep, at the tempo", () => {
  // The second item: get ready 5 s from 15 s, then reps of 4 s from 20 s.
  assert.equal(steps[at(21).index].kind, "move");
  assert.equal(ringFraction(at(21), steps, 21_000), 0.25);
  assert.equal(ringFraction(at(24), steps, 24_000), 0);
  assert.equal(ringFraction(at(27), steps, 27_000), 0.75);
});

test("paused, the ring stays where it was", () => {
  const paused = machine.pause(at(7), steps, 7000).state;
  assert.equal(ringFraction(paused, steps, 60_000), 0.8);
});
