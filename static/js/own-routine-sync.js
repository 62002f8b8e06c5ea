/**
 * Own routines' part of a sync run (`sync-queue.js` calls `syncOwnRoutines` once a run): send
 * every record (tombstones too) the account has not confirmed in its current edit, then pull the
 * account's whole list and keep what is newer than this device's copy.
 *
 * Confirmations live in the sync queue's store, under `routine:<id>`, beside the sessions': a new
 * account or a sign-out clears that store, so every routine is then sent again. A refusal keeps
 * the edit refused, the server's message and field, and how many deletions the account then held
 * (`deletionsOnAccount`): Settings names the routine and why, and one refused for the account's
 * limit is sent again once a further deletion has reached the account.
 */
import { callApi } from "./api-client.js";
import { keepPulledOwnRoutines, listOwnRoutineRecords } from "./own-routine-store.js";

const KEY_PREFIX = "routine:";
export const BATCH_SIZE = 50;
const REFUSED = new Set([400, 413, 422]);

/** The key of a routine's confirmation in the sync queue's store. */
export function confirmationKey(routineId) {
  return KEY_PREFIX + routineId;
}

/**
 * Whether a refusal was for the account's limit, not for a fault of the routine's own. A refusal
 * kept by an earlier version has no field; its message still starts with the field it names.
 */
function limitRefusal(confirmation) {
  return confirmation.field === "routines" || (confirmation.field === undefined && /^routines: /.test(confirmation.message ?? ""));
}

/**
 * How many deletions the account holds, as far as this device knows: its tombstones the server
 * confirmed. Counted rather than timed, as the clocks of two devices need not agree; it grows
 * whenever a deletion made here, or pulled from elsewhere, reaches the account.
 */
export function deletionsOnAccount(records, byKey) {
  return records.filter((record) => record.deleted && byKey.get(confirmationKey(record.id))?.syncedUpdatedAt === record.updatedAt).length;
}

/** Whether the server refused this very edit of the record (and no deletion since made room for it). */
function refused(record, confirmation, records, byKey) {
  if (confirmation?.rejectedUpdatedAt !== record.updatedAt) return false;
  // Refused for the limit: a deletion that reached the account since makes room. A refusal kept
  // before deletions were counted is tried once more.
  return !limitRefusal(confirmation) || deletionsOnAccount(records, byKey) <= (confirmation.deletionsOnAccount ?? -1);
}

/** The records to send: never confirmed, or edited since; one refused in this very edit waits for the next. */
export function unsentRoutines(records, confirmations) {
  const byKey = new Map(confirmations.map((confirmation) => [confirmation.sessionId, confirmation]));
  return records.filter((record) => {
    const confirmation = byKey.get(confirmationKey(record.id));
    return confirmation?.syncedUpdatedAt !== record.updatedAt && !refused(record, confirmation, records, byKey);
  });
}

/** The routines the server refused in their current edit, `{ id, title, full, reason }`: `full` when the account has no room. */
export function refusedRoutines(records, confirmations) {
  const byKey = new Map(confirmations.map((confirmation) => [confirmation.sessionId, confirmation]));
  return records
    .filter((record) => !record.deleted && refused(record, byKey.get(confirmationKey(record.id)), records, byKey))
    .map((record) => {
      const confirmation = byKey.get(confirmationKey(record.id));
      // The server's message starts with the field it names, which means nothing to the person.
      return { id: record.id, title: record.routine.title, full: limitRefusal(confirmation), reason: confirmation.message.replace(/^\S+: /, "") };
    });
}

/** A record in the shape `POST /api/v1/own-routines` takes. */
export function toPayload(record) {
  return { id: record.id, updatedAt: record.updatedAt, deleted: record.deleted, routine: record.deleted ? null : record.routine };
}

function confirmed(payload) {
  return { sessionId: confirmationKey(payload.id), syncedUpdatedAt: payload.updatedAt };
}

async function sendBatch(token, batch, { write, deletionsNow }) {
  try {
    await callApi("POST", "/own-routines", { token, body: { routines: batch } });
    await write(batch.map(confirmed));
  } catch (error) {
    if (!REFUSED.has(error.status)) throw error;
    if (batch.length === 1) {
      // Set aside until it is edited again (or, refused for the limit, until a deletion makes room).
      const refusal = { sessionId: confirmationKey(batch[0].id), rejectedUpdatedAt: batch[0].updatedAt, message: error.message, field: error.field };
      await write([{ ...refusal, deletionsOnAccount: await deletionsNow() }]);
      return;
    }
    for (const payload of batch) await sendBatch(token, [payload], { write, deletionsNow });
  }
}

/**
 * Bring the routines of `token`'s account here, the newer edits only and unconfirmed (a former
 * account's, still to be sent to this one); `checkCurrent()` may throw to drop them. Resolves how many were kept.
 */
export async function pullOwnRoutines(token, checkCurrent) {
  const { routines } = await callApi("GET", "/own-routines", { token });
  checkCurrent();
  return keepPulledOwnRoutines(routines);
}

/**
 * Send, then pull. `ensureDevice()` signs in when there is something to send; `getDevice()` is
 * the sign-in, if any; `confirmations()` reads the queue's store; `write(records)` puts records in
 * it only if the run is still current (it throws otherwise, and nothing more happens).
 */
export async function syncOwnRoutines({ ensureDevice, getDevice, confirmations, write }) {
  const deletionsNow = async () => {
    const [records, known] = await Promise.all([listOwnRoutineRecords(), confirmations()]);
    return deletionsOnAccount(records, new Map(known.map((confirmation) => [confirmation.sessionId, confirmation])));
  };
  const sendUnsent = async () => {
    const [records, known] = await Promise.all([listOwnRoutineRecords(), confirmations()]);
    const unsent = unsentRoutines(records, known).map(toPayload);
    if (!unsent.length) return;
    const { token } = await ensureDevice();
    for (let start = 0; start < unsent.length; start += BATCH_SIZE) await sendBatch(token, unsent.slice(start, start + BATCH_SIZE), { write, deletionsNow });
  };
  await sendUnsent();
  const device = await getDevice();
  if (!device) return;
  const { routines } = await callApi("GET", "/own-routines", { token: device.token });
  await write([]);
  await keepPulledOwnRoutines(routines);
  // What is here now in the account's very edit needs no sending back.
  const here = new Map((await listOwnRoutineRecords()).map((record) => [record.id, record]));
  const same = routines.filter((pulled) => Date.parse(here.get(pulled.id)?.updatedAt) === Date.parse(pulled.updatedAt));
  await write(same.map((pulled) => confirmed({ id: pulled.id, updatedAt: here.get(pulled.id).updatedAt })));
  // A deletion pulled from another device may have made room for a routine refused for the limit.
  await sendUnsent();
}
