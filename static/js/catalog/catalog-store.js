/**
 * The routine catalog on the device. Views read it from IndexedDB first; when online,
 * `refreshCatalog` revalidates every document with its ETag and stores what changed.
 */
import { getRecord, putRecord } from "../lib/idb.js";

export const ROUTINES_PATH = "/api/v1/routines";
export const EXERCISES_PATH = "/api/v1/exercises";
export const PLAN_PATH = "/api/v1/plan";

/**
 * The shape of the catalog documents this code reads. A document stored by an earlier version
 * of the app, in another shape, is fetched again (from the new version's precache when offline)
 * and never read: raise this whenever a document's shape changes.
 */
const CATALOG_SHAPE = 2;

/** The stored record of `path`, when it has this code's shape. */
async function storedRecord(path) {
  const stored = await getRecord("catalog", path);
  return stored?.shape === CATALOG_SHAPE ? stored : null;
}

export function routinePath(routineId) {
  return `${ROUTINES_PATH}/${encodeURIComponent(routineId)}`;
}

/** Fetch one document; store it when it is new. Returns "changed", "unchanged" or "failed". */
async function revalidate(path, storedEtag) {
  let response;
  try {
    response = await fetch(path, { headers: storedEtag ? { "If-None-Match": storedEtag } : {} });
  } catch {
    return "failed";
  }
  if (response.status === 304) return "unchanged";
  if (!response.ok) return "failed";
  const etag = response.headers.get("ETag");
  // Another caller may have stored this very version while we waited.
  if (etag && etag === (await storedRecord(path))?.etag) return "unchanged";
  const data = await response.json();
  await putRecord("catalog", { path, etag, data, shape: CATALOG_SHAPE, storedAt: Date.now() });
  return "changed";
}

/** What tells one stored copy of a document from another: a view drawn from it needs no redraw. */
const versionOf = (record) => (record ? `${record.etag}@${record.storedAt}` : null);

const readVersions = new Map();

/**
 * The documents read since the last call, each with the version read (null: none was found):
 * what the view just drawn depends on.
 */
export function takeReadVersions() {
  const versions = new Map(readVersions);
  readVersions.clear();
  return versions;
}

/** A catalog document: from the device if it has it, else from the network. Null if neither. */
export async function readDocument(path) {
  let stored = await storedRecord(path);
  // "unchanged" too: the catalog's refresh may have stored this very version while we fetched it.
  if (!stored && (await revalidate(path, null)) !== "failed") stored = await storedRecord(path);
  readVersions.set(path, versionOf(stored));
  return stored?.data ?? null;
}

/** One routine in full, or null when the routine list (already on the device) does not have it. */
export async function readRoutine(routineId) {
  const list = await readDocument(ROUTINES_PATH);
  if (!list?.routines.some((routine) => routine.id === routineId)) return null;
  return readDocument(routinePath(routineId));
}

/** Revalidate the whole catalog; resolves to the documents that changed, each path with its new version. */
export async function refreshCatalog() {
  const revalidateAll = (paths) =>
    Promise.all(paths.map(async (path) => [path, await revalidate(path, (await storedRecord(path))?.etag)]));
  const outcomes = await revalidateAll([ROUTINES_PATH, EXERCISES_PATH, "/api/v1/safety", "/api/v1/guide", PLAN_PATH]);
  const list = (await storedRecord(ROUTINES_PATH))?.data;
  if (list) outcomes.push(...(await revalidateAll(list.routines.map((routine) => routinePath(routine.id)))));
  const changed = outcomes.filter(([, outcome]) => outcome === "changed").map(([path]) => path);
  return new Map(await Promise.all(changed.map(async (path) => [path, versionOf(await storedRecord(path))])));
}
