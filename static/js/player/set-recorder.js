/**
 * Turn finished rep steps into set records, the unit of the person's log.
 *
 * `slots` (plain data, stored with the player) keeps each rep's outcome by slot and rep
 * number, so a rep done again after "back" replaces its earlier outcome instead of counting
 * twice. A set is recorded when its last rep ends, completed or skipped.
 */

import { REP_KINDS } from "./routine-steps.js";

export function recordFinished(slots, steps, finished) {
  const nextSlots = { ...slots };
  const records = [];
  for (const { index, outcome, elapsedMs } of finished) {
    const step = steps[index];
    if (!REP_KINDS.has(step.kind)) continue;
    const slot = { reps: {}, ...nextSlots[step.slot] };
    slot.reps = { ...slot.reps, [step.rep]: { outcome, seconds: Math.round(elapsedMs / 100) / 10 } };
    nextSlots[step.slot] = slot;
    if (step.lastOfSlot) records.push(setRecord(step, slot));
  }
  return { slots: nextSlots, records };
}

function setRecord(step, slot) {
  const reps = Object.entries(slot.reps)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([, rep]) => rep);
  const repsDone = reps.filter((rep) => rep.outcome === "completed").length;
  return {
    slot: step.slot,
    itemIndex: step.itemIndex,
    set: step.set,
    side: step.side,
    repsPlanned: step.rep,
    repsDone,
    // Seconds actually held, rep by rep, a cut-short hold included; none for moving reps.
    heldSeconds: step.kind === "hold" ? reps.map((rep) => rep.seconds) : [],
    skipped: repsDone === 0,
  };
}
