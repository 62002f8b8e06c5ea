/**
 * The weekly function checks on the device. The only module that reads or writes the
 * "functionChecks" store: Home's card, the form, History and sync all come here. A save resolves
 * only once IndexedDB has committed, so the form may then say "saved".
 */
import { announce, LOG_CHANGED } from "../lib/events.js";
import { getAllRecords, putRecord, updateRecords } from "../lib/idb.js";
import { checkRecord, isCheckDue } from "./function-check-plan.js";
import { getSetting, SETTING_KEYS, setSetting } from "../lib/settings.js";
import { newerEdit } from "../sync/sync-plan.js";
import { newId } from "../lib/uuid.js";

export const FUNCTION_CHECK_STORE = "functionChecks";

/** Every check on this device, in no particular order. */
export function listFunctionChecks() {
  return getAllRecords(FUNCTION_CHECK_STORE);
}

/**
 * Save a check: a new one (taken now, a new UUID) or an edit of `editing` (same id and time
 * taken); its edit time is now. The sync queue hears of it as of any change to the log.
 */
export async function saveFunctionCheck(activities, editing = null) {
  const check = checkRecord(activities, editing, new Date().toISOString(), newId);
  await putRecord(FUNCTION_CHECK_STORE, check);
  announce(LOG_CHANGED);
  return check;
}

/** Whether Home shows the card: no check in seven days, and not put off in them. */
export async function weeklyCheckDue(now = Date.now()) {
  const [checks, snoozedAt] = await Promise.all([
    listFunctionChecks(),
    getSetting(SETTING_KEYS.weeklyCheckSnoozedAt, null),
  ]);
  return isCheckDue(checks, snoozedAt, now);
}

/** "Not now": the card stays away for a week. */
export function snoozeWeeklyCheck(now = Date.now()) {
  return setSetting(SETTING_KEYS.weeklyCheckSnoozedAt, now);
}

/**
 * Keep the checks pulled from the account that are new here or later edits, each read, compared
 * and written in one transaction: an edit saved here meanwhile lands before it (and is kept, being
 * later) or after it, never between the read and the write. `alongWith(pulled, here)` adds
 * operations on `alongStores` for each pulled check, given the copy the transaction leaves here
 * (sync's confirmations). Resolves how many were kept.
 */
export function keepPulledChecks(pulledChecks, { alongStores = [], alongWith = () => [] } = {}) {
  const byId = new Map(pulledChecks.map((check) => [check.id, check]));
  const change = (id, local) => (newerEdit(byId.get(id), local) ? byId.get(id) : null);
  return updateRecords(FUNCTION_CHECK_STORE, [...byId.keys()], change, {
    alongStores,
    alongWith: (id, here) => alongWith(byId.get(id), here),
  });
}
