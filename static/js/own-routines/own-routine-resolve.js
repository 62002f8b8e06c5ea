/**
 * An own routine in the shape the API serves a catalog routine in (each item's exercise and
 * variant spelled out, its length computed), so its page and the player read it as they read
 * any routine; and `readAnyRoutine`, which finds a routine id in the catalog or among them.
 */
import { EXERCISES_PATH, readDocument, readRoutine } from "../catalog/catalog-store.js";
import { itemSeconds, roundedMinutes, routineSeconds } from "../catalog/dosage.js";
import { getOwnRoutine } from "./own-routine-store.js";

/**
 * `routine` (a schema-shaped document) spelled out against the exercise list; null when it names
 * an exercise or a variant the catalog no longer has, so nothing plays half a routine.
 */
export function resolveOwnRoutine(id, routine, exercises) {
  const byId = new Map(exercises.map((exercise) => [exercise.id, exercise]));
  const sourcesById = new Map(
    exercises.flatMap((exercise) => exercise.sources ?? []).map((source) => [source.id, source]),
  );
  const last = routine.items.length - 1;
  const items = [];
  for (const [index, item] of routine.items.entries()) {
    const found = byId.get(item.exercise);
    if (!found) return null;
    const { sources, ...exercise } = found;
    const variant = item.variant ? exercise.variants.find((candidate) => candidate.id === item.variant) : null;
    if (variant === undefined) return null;
    items.push({ ...item, exercise, variant, duration_seconds: itemSeconds(item, index === last) });
  }
  const seconds = routineSeconds(routine);
  return {
    ...routine,
    id,
    own: true,
    duration_seconds: seconds,
    duration_minutes: roundedMinutes(seconds),
    exercise_count: items.length,
    exercise_names: items.map((item) => item.exercise.name),
    warm_up: routine.warm_up ?? null,
    items,
    sources: routine.sources.map((sourceId) => sourcesById.get(sourceId)).filter(Boolean),
  };
}

/** One own routine resolved, or null. */
export async function readOwnRoutine(id) {
  const [record, list] = await Promise.all([getOwnRoutine(id), readDocument(EXERCISES_PATH)]);
  if (!record || !list) return null;
  return resolveOwnRoutine(id, record.routine, list.exercises);
}

/** A catalog routine, else an own routine, by id; null when neither has it. */
export async function readAnyRoutine(id) {
  return (await readRoutine(id)) ?? readOwnRoutine(id);
}
