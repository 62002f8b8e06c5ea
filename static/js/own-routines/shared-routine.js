/**
 * A routine that came from outside the device (a link or a file): checked against the routine
 * schema and the exercises this device knows before anything is kept, and the file a routine is
 * shared as. Pure: no DOM, no storage, so Node's tests run it (with the schema check passed in,
 * since the bundled schema files exist only in the build).
 */

/** Far above any routine the schema allows; a bigger file is not one to read on a phone. */
export const MAX_FILE_BYTES = 256 * 1024;
// A shared file names its schema the way the catalog's files do, so an editor can check it.
const SCHEMA_REFERENCE = "../schema/routine.schema.json";

// Ids Unknot cited until December 2026 and shows no more (the seed articles, a low-authority
// guide, three home pages): a routine shared before then may still name them, so they are dropped.
const WITHDRAWN_SOURCES = new Set(["S0", "S1", "S2", "S3", "S4", "S5", "MCG", "UCI", "Merck", "HW"]);

/** What each fault of a routine file tells the person, in plain words. */
export const FILE_FAULTS = {
  "too-large": "This file is too large to be a routine (over 256 KB). Nothing was added.",
  "not-json": "This file is not a routine file: it is not JSON text. Nothing was added.",
  "not-a-routine": "This file does not hold a routine. Nothing was added.",
};

const FIELD_WORDS = {
  title: "Name",
  summary: "Summary",
  rationale: "Why these",
  frequency: "How often",
  when_to_use: "When to use it",
  when_not_to_use: "When not to",
  items: "Exercises",
  sources: "Sources",
  warm_up: "Warm-up",
};

/** A fault's path in words: `$.items[1].sets` is "exercise 2, sets". */
function placeOf(path) {
  const item = path.match(/^\$\.items\[(\d+)\](?:\.(\w+))?/);
  if (item) return `exercise ${Number(item[1]) + 1}${item[2] ? `, ${item[2].replace(/_/g, " ")}` : ""}`;
  const top = path.match(/^\$\.(\w+)/);
  return top ? (FIELD_WORDS[top[1]] ?? top[1]) : "The routine";
}

/**
 * Whether `candidate` may be kept on this device: `{ ok: true, routine }` (its `$schema` left
 * out), or `{ ok: false, message }` naming the first field at fault or the exercise this
 * device does not have. `routineFaults` is `routine-schema.js`'s check; the sources it may cite
 * are its exercises' and `catalogSourceIds` (those of the catalog's routines on the device).
 */
export function checkSharedRoutine(candidate, exercises, routineFaults, catalogSourceIds = []) {
  if (candidate === null || typeof candidate !== "object" || Array.isArray(candidate))
    return { ok: false, message: FILE_FAULTS["not-a-routine"] };
  const { $schema, ...routine } = candidate;
  const faults = routineFaults(routine);
  if (faults.length) {
    const [first] = faults;
    const more =
      faults.length > 1 ? ` (and ${faults.length - 1} more ${faults.length === 2 ? "fault" : "faults"})` : "";
    return {
      ok: false,
      message: `This routine is not in Unknot's routine format: ${placeOf(first.path)} ${first.message}${more}. Nothing was added.`,
    };
  }
  const byId = new Map(exercises.map((exercise) => [exercise.id, exercise]));
  for (const [index, item] of routine.items.entries()) {
    const exercise = byId.get(item.exercise);
    if (!exercise) {
      return {
        ok: false,
        message: `Exercise ${index + 1} of this routine, "${item.exercise}", is not one this app knows. Update the app, or ask for the routine again. Nothing was added.`,
      };
    }
    if (item.variant && !exercise.variants.some((variant) => variant.id === item.variant)) {
      return {
        ok: false,
        message: `Exercise ${index + 1} of this routine asks for a version of ${exercise.name}, "${item.variant}", that this app does not have. Nothing was added.`,
      };
    }
    // The server's own checks too (pwa/catalog/__init__.py's check_routine): a routine it would refuse
    // would never sync, and neither would any session of it.
    if (item.per_side !== exercise.two_sided) {
      const sides = exercise.two_sided
        ? "is done on each side, but the routine does it once"
        : "is done once, but the routine does it on each side";
      return {
        ok: false,
        message: `Exercise ${index + 1} of this routine, ${exercise.name}, ${sides}. Nothing was added.`,
      };
    }
  }
  const sourceIds = (exercise) => (exercise.sources ?? []).map((source) => source.id ?? source);
  const knownSources = new Set([...exercises.flatMap(sourceIds), ...catalogSourceIds]);
  const kept = routine.sources.filter((source) => !WITHDRAWN_SOURCES.has(source));
  const unknown = kept.find((source) => !knownSources.has(source));
  if (unknown)
    return {
      ok: false,
      message: `This routine cites a source this app does not know, "${unknown}". Nothing was added.`,
    };
  // A routine left citing nothing cites what backs its exercises, as the builder's routines do.
  const sources = kept.length
    ? kept
    : [...new Set(routine.items.flatMap((item) => sourceIds(byId.get(item.exercise))))];
  // Nothing comes after the last exercise: a rest there is dropped, as the builder does.
  const last = routine.items.length - 1;
  const items = routine.items.map((item, index) => (index === last ? { ...item, rest_after_seconds: 0 } : item));
  return { ok: true, routine: { ...routine, items, sources } };
}

/** A routine document in one spelling: keys in order, empty (null) fields left out, as a link leaves them. */
function canonical(value) {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .filter((key) => value[key] != null)
      .map((key) => [key, canonical(value[key])]),
  );
}

/** The first of `records` (own routines, `{ id, routine }`) whose routine is the same as `routine`, word for word and dose for dose; or undefined. */
export function sameOwnRoutine(routine, records) {
  const wanted = JSON.stringify(canonical(routine));
  return records.find((record) => JSON.stringify(canonical(record.routine)) === wanted);
}

/** The routine in a file's text: `{ ok: true, candidate }` or `{ ok: false, message }`; never throws. */
export function parseRoutineFile(text, byteLength) {
  if (byteLength > MAX_FILE_BYTES) return { ok: false, message: FILE_FAULTS["too-large"] };
  try {
    return { ok: true, candidate: JSON.parse(text) };
  } catch {
    return { ok: false, message: FILE_FAULTS["not-json"] };
  }
}

/** The text of a routine's file: the `routines/` schema, as a clinician would write it by hand. */
export function routineFileText(routine) {
  const { $schema, ...rest } = routine;
  return `${JSON.stringify({ $schema: SCHEMA_REFERENCE, ...rest }, null, 2)}\n`;
}

/** A file name for a routine: its name in lower-case words joined by "-". */
export function routineFileName(routine) {
  const words = routine.title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .match(/[a-z0-9]+/g);
  return `${(words ?? ["routine"]).join("-").slice(0, 60)}.json`;
}
