/**
 * The one sync protocol, for each kind of record that syncs (the log's sessions, the weekly
 * checks, the own routines: each kind, in `session-sync.js`, `function-check-sync.js` and
 * `own-routine-sync.js`, says only what differs). Push sends every record the account has not
 * confirmed in its current edit; pull keeps the account's later edits, each with its confirmation
 * in the same transaction. A record counts as synced only once the server has answered for the
 * very edit that was sent.
 *
 * Owns the "sync" store: one confirmation per record, `{ kind, id }` with the edit (the record's
 * `updatedAt`) the server confirmed (`syncedUpdatedAt`) or refused (`rejectedUpdatedAt`, with its
 * `message` and `field`, and whatever the kind's `refusalNote` adds).
 */
import { callApi } from "../lib/api-client.js";
import { announce } from "../lib/events.js";
import { clearStores, commit, getAllRecords } from "../lib/idb.js";
import { sameEdit, syncState, toBatches } from "./sync-plan.js";

export const CONFIRMATIONS_STORE = "sync";
// A record the server refuses for itself, for good: sent again only once edited.
const REFUSED = new Set([400, 413, 422]);

/** A kind's confirmations, by record id. */
async function confirmationsOf(kind) {
  const all = await getAllRecords(CONFIRMATIONS_STORE);
  return new Map(
    all
      .filter((confirmation) => confirmation.kind === kind.name)
      .map((confirmation) => [confirmation.id, confirmation]),
  );
}

/** A kind's records on this device, with `syncState`'s `unsent` and `refused` of them. */
export async function stateOf(kind) {
  const [records, confirmations] = await Promise.all([kind.list(), confirmationsOf(kind)]);
  return { records, ...syncState(kind, records, confirmations) };
}

/** The ids of a kind's records the account has never confirmed in any edit. */
export async function neverConfirmed(kind) {
  const [records, confirmations] = await Promise.all([kind.list(), confirmationsOf(kind)]);
  return new Set(records.filter((record) => !confirmations.get(record.id)?.syncedUpdatedAt).map((record) => record.id));
}

/** Forget every confirmation (signed out, or on another account): every record is sent again. */
export function forgetConfirmations() {
  return clearStores([CONFIRMATIONS_STORE]);
}

/** The body of a kind's `POST` for one batch of payloads. */
export function requestBody(kind, batch) {
  return { [kind.bodyKey]: batch };
}

/** Keep confirmations, unless `checkCurrent()` throws (the run was superseded): then nothing is written. */
async function keep(confirmations, checkCurrent) {
  checkCurrent();
  if (confirmations.length)
    await commit(confirmations.map((confirmation) => ["put", CONFIRMATIONS_STORE, confirmation]));
}

async function sendBatch(kind, token, batch, checkCurrent) {
  const sentEdits = new Map(batch.map((payload) => [payload.id, payload.updatedAt]));
  const result = await callApi("POST", kind.path, { token, body: requestBody(kind, batch) });
  const confirmed = [...result.stored, ...result.updated, ...result.alreadyThere];
  await keep(
    confirmed.map((id) => ({ kind: kind.name, id, syncedUpdatedAt: sentEdits.get(id) })),
    checkCurrent,
  );
}

/** Set aside the edit the server refused, with its reason, until the record is edited again. */
async function setAside(kind, payload, error, checkCurrent) {
  const [records, confirmations] = await Promise.all([kind.list(), confirmationsOf(kind)]);
  const note = kind.refusalNote?.(records, confirmations) ?? {};
  await keep(
    [
      {
        kind: kind.name,
        id: payload.id,
        rejectedUpdatedAt: payload.updatedAt,
        message: error.message,
        field: error.field,
        ...note,
      },
    ],
    checkCurrent,
  );
}

/**
 * Send one record at a time, so one the server cannot take does not hold back the others. A
 * refused record is set aside; one that fails on the server's side stays unsent. If every one
 * fails, the server is down: that error is thrown.
 */
async function sendOneByOne(kind, token, batch, checkCurrent) {
  let lastFailure = null;
  let answered = 0;
  for (const payload of batch) {
    try {
      await sendBatch(kind, token, [payload], checkCurrent);
      answered += 1;
    } catch (error) {
      if (REFUSED.has(error.status)) {
        await setAside(kind, payload, error, checkCurrent);
        answered += 1;
      } else if (error.status >= 500) {
        lastFailure = error;
      } else {
        throw error;
      }
    }
  }
  if (lastFailure && !answered) throw lastFailure;
}

/**
 * Send a kind's unsent records, but those `holdBack(record)` keeps for a later run, in batches;
 * a batch the server refuses, or fails on (with more than one record in it), goes again one record
 * at a time. `device()` gives this device's sign-in (made when there is something to send);
 * `checkCurrent()` throws when the run was superseded, and nothing more is written.
 */
export async function push(kind, { device, checkCurrent, holdBack = () => false }) {
  const { unsent } = await stateOf(kind);
  const waiting = unsent.filter((record) => !holdBack(record));
  if (!waiting.length) return;
  const { token } = await device();
  for (const batch of toBatches(waiting.map(kind.toPayload), kind.batchSize, kind.batchBytes)) {
    try {
      await sendBatch(kind, token, batch, checkCurrent);
    } catch (error) {
      const oneMayBeAtFault = REFUSED.has(error.status) || (error.status >= 500 && batch.length > 1);
      if (!oneMayBeAtFault) throw error;
      await sendOneByOne(kind, token, batch, checkCurrent);
    }
  }
}

/**
 * Bring a kind's records of `token`'s account here, page by page where the kind pages (newest
 * first: unless `full`, a pull stops at a page that holds nothing new); resolves how many were
 * kept. Only later edits are kept (the kind's store decides, in one transaction per page). With
 * `markSynced` (this device's own account, not a former one), each record here in the account's
 * very edit is confirmed in that same transaction. `checkCurrent()` may throw to drop the page.
 */
export async function pull(kind, token, { markSynced = true, full = false, checkCurrent }) {
  let total = 0;
  let before = null;
  do {
    const page = await callApi("GET", kind.pullPath(before), { token });
    checkCurrent();
    const kept = await kind.keepPulled(page[kind.bodyKey], {
      alongStores: markSynced ? [CONFIRMATIONS_STORE] : [],
      alongWith: (pulled, here) =>
        markSynced && sameEdit(here, pulled)
          ? [["put", CONFIRMATIONS_STORE, { kind: kind.name, id: pulled.id, syncedUpdatedAt: here.updatedAt }]]
          : [],
    });
    total += kept;
    before = page.next && (kept || full) ? page.next : null;
  } while (before);
  if (total) announce(kind.pulledEvent);
  return total;
}
