/**
 * The routine catalog on the device. Views read it from IndexedDB first; when online,
 * `refreshCatalog` revalidates every document with its ETag and stores what changed.
 */
import { getRecord, putRecord } from "./idb.js";

export const ROUTINES_PATH = "/api/v1/routines";
export const EXERCISES_PATH = "/api/v1/exercises";

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
  if (etag && etag === (await getRecord("catalog", path))?.etag) return "unchanged";
  const data = await response.json();
  await putRecord("catalog", { path, etag, data, storedAt: Date.now() });
  return "changed";
}

/** A catalog document: from the device if it has it, else from the network. Null if neither. */
export async function readDocument(path) {
  const stored = await getRecord("catalog", path);
  if (stored) return stored.data;
  const outcome = await revalidate(path, null);
  if (outcome !== "changed") return null;
  return (await getRecord("catalog", path)).data;
}

/** One routine in full, or null when the routine list (already on the device) does not have it. */
export async function readRoutine(routineId) {
  const list = await readDocument(ROUTINES_PATH);
  if (!list?.routines.some((routine) => routine.id === routineId)) return null;
  return readDocument(routinePath(routineId));
}

/** Revalidate the whole catalog; resolves true when anything new was stored. */
export async function refreshCatalog() {
  const paths = [ROUTINES_PATH, EXERCISES_PATH, "/api/v1/safety", "/api/v1/guide"];
  const outcomes = await Promise.all(paths.map(async (path) => revalidate(path, (await getRecord("catalog", path))?.etag)));
  const list = (await getRecord("catalog", ROUTINES_PATH))?.data;
  if (list) {
    const routinePaths = list.routines.map((routine) => routinePath(routine.id));
    outcomes.push(
      ...(await Promise.all(
        routinePaths.map(async (path) => revalidate(path, (await getRecord("catalog", path))?.etag)),
      )),
    );
  }
  return outcomes.includes("changed");
}
