/**
 * The player's saved position, pure: a fingerprint of the steps it was saved in, whether it
 * still fits the routine as it is now, and the state it resumes in.
 */

/** A short fingerprint of the steps: a saved position only fits the routine it was saved in. */
export function stepsSignature(steps) {
  let hash = 2166136261;
  for (const character of steps.map((step) => `${step.kind}:${step.seconds}:${step.slot ?? ""}`).join("|")) {
    hash = Math.imul(hash ^ character.charCodeAt(0), 16777619) >>> 0;
  }
  return `${steps.length}-${hash.toString(16)}`;
}

/**
 * Whether `active` (a saved position) can resume in these steps. Positions saved before
 * fingerprints existed have none: they fit while their step still exists.
 */
export function fitsSteps(active, steps, signature) {
  const changed = active.signature !== undefined && active.signature !== signature;
  return !changed && Boolean(steps[active.machine.index]);
}

/** A saved position resumes paused where it was saved, never fast-forwarded through the gap. */
export function pausedAtSave(active) {
  const state = active.machine;
  if (state.status !== "running") return state;
  return { ...state, status: "paused", pausedAt: active.savedAt };
}
