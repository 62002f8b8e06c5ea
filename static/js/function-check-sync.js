/**
 * The weekly function checks' side of sync: sends the checks the server has not confirmed and
 * brings the account's checks here, within the sync queue's runs (`sync-queue.js` calls it).
 * Owns the "functionCheckSync" store: per check, the edit the server confirmed or refused.
 */
import { callApi } from "./api-client.js";
import { getAllRecords } from "./idb.js";
import { pendingChecks, toCheckPayload } from "./function-check-plan.js";
import { keepPulledChecks, listFunctionChecks } from "./function-check-store.js";

export const FUNCTION_CHECK_SYNC_STORE = "functionCheckSync";
// Within the server's 50 a batch, and far within its body limit (a check is under 400 bytes).
const BATCH = 25;
const REFUSED = new Set([400, 413, 422]);

/** What Settings counts: checks waiting to be sent, and those the server refused in their current edit (with its reason). */
export async function checkSyncStatus() {
  const [checks, records] = await Promise.all([listFunctionChecks(), getAllRecords(FUNCTION_CHECK_SYNC_STORE)]);
  const current = new Map(checks.map((check) => [check.id, check.updatedAt]));
  const refused = records.filter((record) => record.rejectedUpdatedAt && current.get(record.checkId) === record.rejectedUpdatedAt);
  return { waiting: pendingChecks(checks, records).length, refused };
}

async function send(token, batch, commitFor) {
  const result = await callApi("POST", "/function-checks", { token, body: { checks: batch.map(toCheckPayload) } });
  const sent = new Map(batch.map((check) => [check.id, check.updatedAt]));
  const confirmed = [...result.stored, ...result.updated, ...result.alreadyThere];
  await commitFor(confirmed.map((checkId) => ["put", FUNCTION_CHECK_SYNC_STORE, { checkId, syncedUpdatedAt: sent.get(checkId) }]));
}

/**
 * Send what waits. A batch the server refuses is sent again a check at a time, and a check it
 * still refuses is set aside until it is edited; any other failure is thrown for the queue's
 * retry. `device()` gives this device's sign-in; `commitFor(operations)` writes unless the run
 * was superseded.
 */
export async function pushFunctionChecks(device, commitFor) {
  const [checks, records] = await Promise.all([listFunctionChecks(), getAllRecords(FUNCTION_CHECK_SYNC_STORE)]);
  const pending = pendingChecks(checks, records);
  if (!pending.length) return;
  const { token } = await device();
  for (let start = 0; start < pending.length; start += BATCH) {
    const batch = pending.slice(start, start + BATCH);
    try {
      await send(token, batch, commitFor);
    } catch (error) {
      if (!REFUSED.has(error.status)) throw error;
      for (const check of batch) {
        try {
          await send(token, [check], commitFor);
        } catch (single) {
          if (!REFUSED.has(single.status)) throw single;
          await commitFor([["put", FUNCTION_CHECK_SYNC_STORE, { checkId: check.id, rejectedUpdatedAt: check.updatedAt, message: single.message }]]);
        }
      }
    }
  }
}

/**
 * Bring the account's checks here; resolves how many were new or newer. Each is confirmed with
 * it, unless `markSynced` is false (a former account's checks, still to be sent to this one).
 */
export async function pullFunctionChecks(token, checkCurrent, { markSynced = true } = {}) {
  const { checks } = await callApi("GET", "/function-checks", { token });
  return keepPulledChecks(checks, {
    alongStores: markSynced ? [FUNCTION_CHECK_SYNC_STORE] : [],
    alongWith: (pulled) => (markSynced ? [["put", FUNCTION_CHECK_SYNC_STORE, { checkId: pulled.id, syncedUpdatedAt: pulled.updatedAt }]] : []),
    beforeCommit: checkCurrent,
  });
}
