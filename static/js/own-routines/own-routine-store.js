/**
 * The person's own routines on the device: the only module that reads or writes the
 * "own_routines" store. A record is `{ id, routine, updatedAt, deleted }`: a client-made UUID,
 * the routine document in the shape of `routines/schema/routine.schema.json` (null once deleted),
 * the time of its last edit, and the tombstone flag a deletion leaves so that every paired device
 * learns of it. Writes resolve once IndexedDB has committed.
 */
import { announce, OWN_ROUTINES_CHANGED } from "../lib/events.js";
import { getAllRecords, getRecord, updateRecords } from "../lib/idb.js";
import { newerEdit } from "../sync/sync-plan.js";
import { newId } from "../lib/uuid.js";

const STORE = "own_routines";
export const OWN_ROUTINES_STORE = STORE;

/** An edit time later than `previous`: two edits in one millisecond still follow each other. */
function editTime(previous) {
  const now = Date.now();
  const after = previous ? Date.parse(previous) + 1 : 0;
  return new Date(Math.max(now, after)).toISOString();
}

/**
 * Write one record made from the stored one (`make(stored)`), read and written in one transaction:
 * a pull committing between a read and a write of their own would be written over, and the edit
 * time taken from the older copy.
 */
async function edit(id, make) {
  await updateRecords(STORE, [id], (_key, stored) => make(stored));
  announce(OWN_ROUTINES_CHANGED);
}

/** Save a new routine (no `id`) or an edit of one; resolves its id once stored. */
export async function saveOwnRoutine(routine, id = null) {
  const key = id ?? newId();
  await edit(key, (stored) => ({ id: key, routine, updatedAt: editTime(stored?.updatedAt), deleted: false }));
  return key;
}

/** Delete one: a tombstone stays, so the deletion reaches the other devices too. */
export async function deleteOwnRoutine(id) {
  await edit(id, (stored) => ({ id, routine: null, updatedAt: editTime(stored?.updatedAt), deleted: true }));
}

/** One routine that is not deleted, or null. */
export async function getOwnRoutine(id) {
  const record = await getRecord(STORE, id);
  return record && !record.deleted ? record : null;
}

/** The routines not deleted, by name. */
export async function listOwnRoutines() {
  const records = await getAllRecords(STORE);
  return records.filter((record) => !record.deleted).sort((a, b) => a.routine.title.localeCompare(b.routine.title));
}

/** Every record, tombstones too: what sync compares with the server's. */
export function listOwnRoutineRecords() {
  return getAllRecords(STORE);
}

/**
 * Keep the records pulled from the account that are newer than this device's (by edit time: an
 * older edit never replaces a newer one), each read, compared and written in one transaction.
 * `alongWith(pulled, here)` adds operations on `alongStores` for each pulled record, given the copy
 * the transaction leaves here (sync's confirmations). Resolves how many were kept.
 */
export function keepPulledOwnRoutines(pulled, { alongStores = [], alongWith = () => [] } = {}) {
  const byId = new Map(pulled.map((record) => [record.id, record]));
  const change = (id, local) => {
    const incoming = byId.get(id);
    if (!newerEdit(incoming, local)) return null;
    return {
      id,
      routine: incoming.deleted ? null : incoming.routine,
      updatedAt: incoming.updatedAt,
      deleted: incoming.deleted,
    };
  };
  return updateRecords(STORE, [...byId.keys()], change, {
    alongStores,
    alongWith: (id, here) => alongWith(byId.get(id), here),
  });
}
