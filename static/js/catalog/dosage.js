/**
 * A routine's length, the same arithmetic as `pwa/catalog/dosage.py` (and the same total as the player's
 * steps in `player/routine-steps.js`): what the builder shows while a routine is edited, and what
 * an own routine's page shows, with no server to ask.
 */

/** Seconds one routine item takes from its get-ready to the end of its rest after. */
export function itemSeconds(item, isLast = false) {
  const sides = item.per_side ? 2 : 1;
  const oneRep = item.hold_seconds || item.rep_seconds;
  const oneSide = item.reps * oneRep + (item.reps - 1) * item.rest_between_reps_seconds;
  const oneSet = sides * oneSide + (sides - 1) * item.switch_sides_seconds;
  const rests = (item.sets - 1) * item.rest_between_sets_seconds + (isLast ? 0 : item.rest_after_seconds);
  return item.get_ready_seconds + item.sets * oneSet + rests;
}

/** Seconds the whole routine takes, warm-up included. */
export function routineSeconds(routine) {
  const last = routine.items.length - 1;
  return routine.items.reduce(
    (total, item, index) => total + itemSeconds(item, index === last),
    routine.warm_up?.seconds ?? 0,
  );
}

/** Whole minutes as a person reads "about 7 min": halves round up, never below 1. */
export function roundedMinutes(seconds) {
  return Math.max(1, Math.floor(seconds / 60 + 0.5));
}
