/**
 * Expand a routine, as the API serves it, into the steps the player walks through.
 * The order is the one `pwa/catalog/dosage.py` computes durations from, so the steps add up to the
 * routine's `duration_seconds`: warm-up; then per item get ready, and for each set and side
 * the reps with rests between them, a switch between sides, a rest between sets, and the
 * rest after the item (none after the last). Pure: no DOM, no clock.
 */

export const REP_KINDS = new Set(["hold", "move"]);
export const REST_KINDS = new Set(["rest-rep", "rest-set", "rest-exercise"]);

/** The key of one set on one side of one item: the unit the log records. */
export function slotKey(itemIndex, set, side) {
  return `${itemIndex}:${set}:${side ?? "both"}`;
}

/** The posture an item starts from (its variant's, for an adaptation), or null where unknown. */
export function postureOf(item) {
  return item.variant?.posture ?? item.exercise.posture ?? null;
}

/**
 * Expand `routine` into steps. Where an item starts in another posture than the one before it
 * (the first item too: nobody knows how the person stands when they tap Start), its get-ready
 * waits for "I'm ready" (`waitsForReady`) instead of counting down: lying on the back to all
 * fours in 5 s is hard mid-spasm.
 */
export function expandRoutine(routine) {
  const steps = [];
  const add = (step) => steps.push({ index: steps.length, ...step });
  let posture = null;

  if (routine.warm_up) {
    add({ kind: "warm-up", seconds: routine.warm_up.seconds, itemIndex: -1, instruction: routine.warm_up.instruction });
  }
  routine.items.forEach((item, itemIndex) => {
    const sides = item.per_side ? ["left", "right"] : [null];
    const isLastItem = itemIndex === routine.items.length - 1;
    const repKind = item.hold_seconds > 0 ? "hold" : "move";
    const repSeconds = item.hold_seconds || item.rep_seconds;
    const next = postureOf(item);
    const changesPosture = next !== null && next.id !== posture?.id;
    posture = next ?? posture;

    if (changesPosture) {
      add({
        kind: "get-ready",
        seconds: item.get_ready_seconds,
        itemIndex,
        set: 1,
        side: sides[0],
        waitsForReady: true,
        posture: next,
      });
    } else if (item.get_ready_seconds > 0) {
      add({ kind: "get-ready", seconds: item.get_ready_seconds, itemIndex, set: 1, side: sides[0] });
    }
    for (let set = 1; set <= item.sets; set += 1) {
      sides.forEach((side, sideIndex) => {
        if (sideIndex > 0) add({ kind: "switch-sides", seconds: item.switch_sides_seconds, itemIndex, set, side });
        for (let rep = 1; rep <= item.reps; rep += 1) {
          if (rep > 1 && item.rest_between_reps_seconds > 0) {
            add({ kind: "rest-rep", seconds: item.rest_between_reps_seconds, itemIndex, set, side, rep });
          }
          add({
            kind: repKind,
            seconds: repSeconds,
            itemIndex,
            set,
            side,
            rep,
            slot: slotKey(itemIndex, set, side),
            lastOfSlot: rep === item.reps,
          });
        }
      });
      if (set < item.sets && item.rest_between_sets_seconds > 0) {
        add({ kind: "rest-set", seconds: item.rest_between_sets_seconds, itemIndex, set });
      }
    }
    if (!isLastItem && item.rest_after_seconds > 0) {
      add({ kind: "rest-exercise", seconds: item.rest_after_seconds, itemIndex });
    }
  });
  add({ kind: "done", seconds: 0, itemIndex: routine.items.length });
  return steps;
}

/** Total seconds of a list of steps. */
export function totalSeconds(steps) {
  return steps.reduce((sum, step) => sum + step.seconds, 0);
}
