import assert from "node:assert/strict";
import { test } from "node:test";

import { expandRoutine } from "../../static/js/player/routine-steps.js";
import { aheadCue, clock, instruction, nextLine, setLine, spokenCue } from "../../static/js/player/step-text.js";
import { twoItemRoutine } from "./routine-fixtures.js";

const routine = twoItemRoutine();
routine.items[0].exercise.position = "Lying on your back, knees bent";
routine.items[1].exercise.position = "Lying on your back, knees bent";
const steps = expandRoutine(routine);
const find = (predicate) => steps.find(predicate);

test("set and side line", () => {
  assert.equal(
    setLine(
      find((step) => step.kind === "hold" && step.set === 2),
      routine.items[0],
    ),
    "Set 2 of 2",
  );
  assert.equal(
    setLine(
      find((step) => step.kind === "move" && step.side === "right"),
      routine.items[1],
    ),
    "right side",
  );
  assert.equal(
    setLine(
      find((step) => step.kind === "rest-exercise"),
      routine.items[0],
    ),
    null,
  );
});

test("one short line says what to do now", () => {
  assert.equal(instruction(steps[0], routine), "Get ready: lying on your back, knees bent");
  assert.equal(
    instruction(
      find((step) => step.kind === "hold"),
      routine,
    ),
    "Hold, and keep breathing",
  );
  assert.equal(
    instruction(
      find((step) => step.kind === "switch-sides"),
      routine,
    ),
    "Switch sides: now your right side",
  );
  assert.equal(
    instruction(
      find((step) => step.kind === "rest-exercise"),
      routine,
    ),
    "Rest. Next: Single knee-to-chest",
  );
});

test("a variant in a routine is named and prepared by its own name", () => {
  const adapted = structuredClone(routine);
  adapted.items[0].variant = { id: "seated", name: "Seated bridge", steps: ["Sit."] };
  assert.equal(instruction(steps[0], adapted), "Get ready for the seated bridge");
  assert.equal(spokenCue(steps[0], adapted), "Seated bridge. Get ready.");
});

test("spoken cues: the name, hold, the rep count, switch sides, rest", () => {
  assert.equal(spokenCue(steps[0], routine), "Bridge. Get ready.");
  assert.equal(
    spokenCue(
      find((step) => step.kind === "hold" && step.rep === 1),
      routine,
    ),
    "Hold for 5 seconds",
  );
  assert.equal(
    spokenCue(
      find((step) => step.kind === "move" && step.rep === 2),
      routine,
    ),
    "2",
  );
  assert.equal(
    spokenCue(
      find((step) => step.kind === "switch-sides"),
      routine,
    ),
    "Switch sides. right side.",
  );
  assert.equal(
    spokenCue(
      find((step) => step.kind === "rest-set"),
      routine,
    ),
    "Rest",
  );
});

test("next says what comes right after", () => {
  const lines = steps.map((step) => nextLine(steps, step.index, routine));
  assert.equal(lines[0], "Next: rep 1 of 2");
  assert.equal(lines[1], "Next: rest 3 s");
  assert.equal(lines[3], "Next: rest 20 s, then set 2");
  assert.equal(lines[7], "Next: rest, then Single knee-to-chest");
  assert.equal(lines[8], "Next: Single knee-to-chest");
  assert.equal(lines[11], "Next: switch to the right side");
  assert.equal(lines.at(-2), "Next: finish");
});

test("a countdown reads as seconds, then minutes and seconds", () => {
  assert.equal(clock(5), "5");
  assert.equal(clock(59), "59");
  assert.equal(clock(90), "1:30");
  assert.equal(clock(600), "10:00");
});

test("a new exercise is named with its position before it starts, and only then", () => {
  const rest = find((step) => step.kind === "rest-exercise");
  assert.equal(aheadCue(steps, rest.index, routine), "Next: single knee-to-chest, lying on your back, knees bent");
  const adapted = structuredClone(routine);
  adapted.items[1].variant = { id: "seated", name: "Seated knee lift", steps: ["Sit."] };
  assert.equal(aheadCue(steps, rest.index, adapted), "Next: seated knee lift");
  assert.equal(aheadCue(steps, find((step) => step.kind === "rest-set").index, routine), null);
  assert.equal(aheadCue(steps, steps.length - 2, routine), null);
});
