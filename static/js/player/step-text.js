/**
 * What the player says and shows for a step, in plain words. Pure, so it is unit-tested.
 */

export function exerciseName(item) {
  return item.variant ? item.variant.name : item.exercise.name;
}

function lowerFirst(text) {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function sideWords(side) {
  return side ? `${side} side` : null;
}

/** "Set 2 of 3 · left side", or null between exercises. */
export function setLine(step, item) {
  if (!item || step.set === undefined) return null;
  return (
    [item.sets > 1 ? `Set ${step.set} of ${item.sets}` : null, sideWords(step.side)].filter(Boolean).join(" · ") || null
  );
}

/** The one short line that says what to do now. */
export function instruction(step, routine) {
  const item = routine.items[step.itemIndex];
  const next = routine.items[step.itemIndex + 1];
  switch (step.kind) {
    case "warm-up":
      return step.instruction;
    case "get-ready":
      if (step.waitsForReady) return `Get into position: ${step.posture.name}`;
      return item.variant
        ? `Get ready for the ${lowerFirst(item.variant.name)}`
        : `Get ready: ${lowerFirst(item.exercise.position)}`;
    case "hold":
      return "Hold, and keep breathing";
    case "move":
      return `Move slowly: about ${step.seconds} seconds a rep`;
    case "rest-rep":
      return "Rest";
    case "switch-sides":
      return `Switch sides: now your ${step.side} side`;
    case "rest-set":
      return `Rest before set ${step.set + 1}`;
    case "rest-exercise":
      return `Rest. Next: ${exerciseName(next)}`;
    default:
      return "Routine complete. Well done.";
  }
}

/** The words spoken when a step starts. */
export function spokenCue(step, routine) {
  const item = routine.items[step.itemIndex];
  switch (step.kind) {
    case "warm-up":
      return step.instruction;
    case "get-ready":
      if (step.waitsForReady)
        return `${exerciseName(item)}. Get into position: ${step.posture.name}. Tap I'm ready when you are.`;
      return `${exerciseName(item)}. Get ready.${step.side ? ` ${step.side} side first.` : ""}`;
    case "hold":
      return step.rep === 1 ? `Hold for ${step.seconds} seconds` : "Hold";
    case "move":
      return String(step.rep);
    case "switch-sides":
      return `Switch sides. ${step.side} side.`;
    case "rest-rep":
    case "rest-set":
    case "rest-exercise":
      return "Rest";
    default:
      return "Routine complete. Well done.";
  }
}

/**
 * Said a few seconds before a new exercise starts, so the person can get into position:
 * "Next: cat-cow, on all fours". Null when the next step is in the same exercise, or the end.
 */
export function aheadCue(steps, index, routine) {
  const current = steps[index];
  const upcoming = steps[index + 1];
  if (!upcoming || upcoming.kind === "done" || upcoming.itemIndex === current.itemIndex) return null;
  const item = routine.items[upcoming.itemIndex];
  if (item.variant) return `Next: ${lowerFirst(item.variant.name)}`;
  return `Next: ${lowerFirst(item.exercise.name)}, ${lowerFirst(item.exercise.position)}`;
}

/** What comes right after the current step, for "Next: …". */
export function nextLine(steps, index, routine) {
  const current = steps[index];
  const upcoming = steps[index + 1];
  if (!upcoming || upcoming.kind === "done") return "Next: finish";
  const item = routine.items[upcoming.itemIndex];
  if (upcoming.itemIndex !== current.itemIndex && upcoming.kind !== "rest-exercise")
    return `Next: ${exerciseName(item)}`;
  switch (upcoming.kind) {
    case "hold":
    case "move":
      return `Next: rep ${upcoming.rep} of ${item.reps}`;
    case "rest-rep":
      return `Next: rest ${upcoming.seconds} s`;
    case "switch-sides":
      return `Next: switch to the ${upcoming.side} side`;
    case "rest-set":
      return `Next: rest ${upcoming.seconds} s, then set ${upcoming.set + 1}`;
    case "rest-exercise":
      return `Next: rest, then ${exerciseName(routine.items[upcoming.itemIndex + 1])}`;
    default:
      return null;
  }
}

/** Seconds as a person reads a countdown: "45" or "1:30". */
export function clock(seconds) {
  if (seconds < 60) return String(seconds);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}
