import assert from "node:assert/strict";
import { test } from "node:test";

import { startPlayer } from "../../static/js/player/player-machine.js";
import { expandRoutine } from "../../static/js/player/routine-steps.js";
import { fitsSteps, pausedAtSave, stepsSignature } from "../../static/js/player/saved-position.js";
import { item, twoItemRoutine } from "./routine-fixtures.js";

const T0 = 1_700_000_000_000;
const steps = expandRoutine(twoItemRoutine());

test("the same steps give the same fingerprint; a changed dose gives another", () => {
  assert.equal(stepsSignature(expandRoutine(twoItemRoutine())), stepsSignature(steps));
  const longer = twoItemRoutine();
  longer.items[0] = item({ ...longer.items[0], hold_seconds: 6 });
  assert.notEqual(stepsSignature(expandRoutine(longer)), stepsSignature(steps));
});

test("a position fits the steps it was saved in, and not a changed routine or a step gone", () => {
  const signature = stepsSignature(steps);
  const saved = { signature, machine: { ...startPlayer(T0), index: steps.length - 1 } };
  assert.equal(fitsSteps(saved, steps, signature), true);
  assert.equal(fitsSteps({ ...saved, signature: "other" }, steps, signature), false);
  assert.equal(fitsSteps({ ...saved, machine: { ...saved.machine, index: steps.length } }, steps, signature), false);
});

test("a position saved before fingerprints fits while its step exists", () => {
  const older = { machine: startPlayer(T0) };
  assert.equal(fitsSteps(older, steps, stepsSignature(steps)), true);
  assert.equal(
    fitsSteps({ machine: { ...older.machine, index: steps.length + 3 } }, steps, stepsSignature(steps)),
    false,
  );
});

test("a running position resumes paused at the moment it was saved; a paused one as it was", () => {
  const running = startPlayer(T0);
  assert.deepEqual(pausedAtSave({ machine: running, savedAt: T0 + 4000 }), {
    ...running,
    status: "paused",
    pausedAt: T0 + 4000,
  });
  const paused = { ...running, status: "paused", pausedAt: T0 + 1000 };
  assert.equal(pausedAtSave({ machine: paused, savedAt: T0 + 4000 }), paused);
});
