/**
 * The builder's draft: a routine document in the shape of `routines/schema/routine.schema.json`,
 * made new, copied from a routine as the API serves it, and changed one step at a time. Pure: no
 * DOM, no storage, so Node's tests run it.
 */

/** The dose fields of an item, in the schema's order. */
export const DOSE_FIELDS = [
  "sets",
  "reps",
  "hold_seconds",
  "rep_seconds",
  "rest_between_reps_seconds",
  "rest_between_sets_seconds",
  "switch_sides_seconds",
  "get_ready_seconds",
  "rest_after_seconds",
];

/** The texts a new routine starts with: the app's own plain words, which a copy replaces with its original's. */
const NEW_ROUTINE_TEXT = {
  summary: "A routine I put together from the Unknot exercises.",
  rationale: "Exercises picked from the library, each with its own page on how to do it and when to stop.",
  frequency: "As often as you and your clinician decide.",
  when_to_use: ["When you want these exercises, in this order."],
  when_not_to_use: ["If pain becomes sharp or spreads down a leg: stop, and get advice if it does not settle."],
};

export function newRoutine() {
  return { title: "", ...structuredClone(NEW_ROUTINE_TEXT), items: [], sources: [] };
}

/** An item of `exercise` (as the API lists it) at its usual dose. */
export function newItem(exercise) {
  const dose = exercise.default_dose;
  return {
    exercise: exercise.id,
    sets: dose.sets,
    reps: dose.reps,
    hold_seconds: dose.hold_seconds,
    rep_seconds: dose.rep_seconds,
    per_side: exercise.two_sided,
    rest_between_reps_seconds: dose.rest_between_reps_seconds,
    rest_between_sets_seconds: dose.rest_between_sets_seconds,
    rest_after_seconds: 15,
    get_ready_seconds: 5,
    switch_sides_seconds: exercise.two_sided ? 5 : 0,
  };
}

/** A routine as the API or `resolveOwnRoutine` serves it, back in the schema's shape. */
export function documentOf(resolved) {
  const document = {
    title: resolved.title,
    summary: resolved.summary,
    rationale: resolved.rationale,
    frequency: resolved.frequency,
    when_to_use: [...resolved.when_to_use],
    when_not_to_use: [...resolved.when_not_to_use],
    items: resolved.items.map((item) => {
      const plain = { exercise: item.exercise.id };
      if (item.variant) plain.variant = item.variant.id;
      plain.per_side = item.per_side;
      for (const field of DOSE_FIELDS) plain[field] = item[field];
      return plain;
    }),
    sources: resolved.sources.map((source) => source.id),
  };
  if (resolved.warm_up) document.warm_up = { ...resolved.warm_up };
  return document;
}

/** A copy to change: the same routine under a name that says it is a copy. */
export function copyOf(resolved) {
  const document = documentOf(resolved);
  return { ...document, title: `${resolved.title} (my copy)`.slice(0, 80) };
}

/** `items` with the one at `index` moved by `delta` (-1 up, +1 down), or unchanged at an end. */
export function moveItem(items, index, delta) {
  const target = index + delta;
  if (target < 0 || target >= items.length) return items;
  const moved = [...items];
  [moved[index], moved[target]] = [moved[target], moved[index]];
  return moved;
}

/**
 * The document to save: the draft with its sources made whole (its own, and those of every
 * exercise in it, each once), so an own routine names what backs it as a catalog routine does,
 * and no rest after its last exercise.
 */
export function finished(draft, exercises) {
  const byId = new Map(exercises.map((exercise) => [exercise.id, exercise]));
  const sources = new Set(draft.sources);
  for (const item of draft.items) for (const source of byId.get(item.exercise)?.sources ?? []) sources.add(source.id);
  // Nothing follows the last exercise: the catalog (and the server) want its rest after at 0.
  const items = draft.items.map((item, index) =>
    index === draft.items.length - 1 ? { ...item, rest_after_seconds: 0 } : item,
  );
  return { ...draft, items, sources: [...sources] };
}

/** A field's words for a fault's path, such as "Exercise 2, sets" for `$.items[1].sets`. */
export function faultPlace(path, labels, itemName) {
  const item = path.match(/^\$\.items\[(\d+)\](?:\.(\w+))?/);
  if (item) {
    const field = item[2] ? `, ${labels[item[2]] ?? item[2]}` : "";
    return `Exercise ${Number(item[1]) + 1} (${itemName(Number(item[1]))})${field}`;
  }
  const top = path.match(/^\$\.(\w+)/);
  return top ? (labels[top[1]] ?? top[1]) : "The routine";
}
