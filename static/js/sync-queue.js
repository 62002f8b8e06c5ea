/**
 * The sync queue: sends finished sessions that the server has not confirmed, on start, after
 * each session, when the device comes online, and again with backoff after a failure. A session
 * counts as synced only once the server has answered for the very edit that was sent. It owns
 * the "sync" store (per session, the edit the server confirmed or refused) and its status.
 *
 * Joining another account and deleting the data (sync-account.js) wait for a run in flight and
 * start a new "generation": whatever an older run brings back afterwards (confirmations, pulled
 * sessions) is dropped, never written.
 */
import { callApi } from "./api-client.js";
import { announce, LOG_CHANGED, LOG_PULLED, OWN_ROUTINES_CHANGED, SYNC_STATUS } from "./events.js";
import { checkSyncStatus, FUNCTION_CHECK_SYNC_STORE, pullFunctionChecks, pushFunctionChecks } from "./function-check-sync.js";
import { clearStores, commit, getAllRecords } from "./idb.js";
import { keepPulled, listSessionRecords, listSessions } from "./log-store.js";
import { listOwnRoutineRecords } from "./own-routine-store.js";
import { confirmationKey, pullOwnRoutines, refusedRoutines, syncOwnRoutines, unsentRoutines } from "./own-routine-sync.js";
import { getSetting, SETTING_KEYS, setSetting } from "./settings.js";
import { agoInWords, pendingSessions, refusedSessions, retryDelay, toBatches, toPayload, toSyncBody } from "./sync-plan.js";
import { forgetDevice, getDevice, getFormerDevice, keepDevice, setFormerDevice, signIn, SignedOut, wasSignedOut } from "./sync-identity.js";

export const QUEUE_STORE = "sync";
const PULL_PAGE = 100;
const HTTP_CLIENT_ERRORS_TO_REFUSE = new Set([400, 413, 422]);

let running = null;
let again = null;
let failures = 0;
let retryTimer = null;
let lastError = null;
let generation = 0;

class Superseded extends Error {}

/** Throw if a join or delete has happened since the run began: its results must not be written. */
function checkCurrent(runGeneration) {
  if (runGeneration !== generation) throw new Superseded();
}

/** Write only if no join or delete has happened since the run began. */
async function commitFor(runGeneration, operations) {
  checkCurrent(runGeneration);
  if (operations.length) await commit(operations);
}

// The sign-in being made, shared by every caller meanwhile (a sync run, a pairing code, a
// reminder): two at once would make two accounts, and sessions confirmed on the one not kept.
let signingIn = null;

/** This device's sign-in, made on a new account if needed, unless it was signed out and `automatic`. */
export async function ensureDevice({ automatic = false } = {}) {
  const known = await getDevice();
  if (known) return known;
  // A device signed out (say, removed as lost) must not quietly start a new account on its own.
  if (automatic && (await wasSignedOut())) throw new SignedOut();
  signingIn ??= newDevice().finally(() => (signingIn = null));
  return signingIn;
}

async function newDevice() {
  // Another caller's sign-in may have been kept while this one looked.
  const known = await getDevice();
  if (known) return known;
  const record = await signIn();
  // Kept before anything is sent with it: a token never stored would leave an empty account behind.
  await keepDevice(record);
  await setSetting(SETTING_KEYS.syncPulledAll, true); // a new account has nothing to pull
  return record;
}

/** The sign-in stopped working (or was removed here): forget it and what it confirmed. */
export async function signedOut() {
  generation += 1;
  await forgetDevice();
  await clearStores([QUEUE_STORE, FUNCTION_CHECK_SYNC_STORE]);
}

async function sendBatch(device, batch, runGeneration) {
  const sentEdits = new Map(batch.map((payload) => [payload.id, payload.updatedAt]));
  const result = await callApi("POST", "/sync", { token: device.token, body: toSyncBody(batch) });
  const confirmed = [...result.stored, ...result.updated, ...result.alreadyThere];
  await commitFor(runGeneration, confirmed.map((sessionId) => ["put", QUEUE_STORE, { sessionId, syncedUpdatedAt: sentEdits.get(sessionId) }]));
}

/**
 * Send one session at a time, so one the server cannot take does not hold back the others.
 * A refused session (400, 413, 422) is set aside until it is edited; one that fails on the
 * server's side stays pending. If every one fails, the server is down: that error is thrown.
 */
async function sendOneByOne(device, batch, runGeneration) {
  let lastFailure = null;
  let sent = 0;
  for (const payload of batch) {
    try {
      await sendBatch(device, [payload], runGeneration);
      sent += 1;
    } catch (error) {
      if (HTTP_CLIENT_ERRORS_TO_REFUSE.has(error.status)) {
        await commitFor(runGeneration, [["put", QUEUE_STORE, { sessionId: payload.id, rejectedUpdatedAt: payload.updatedAt, message: error.message }]]);
        sent += 1;
      } else if (error.status >= 500) {
        lastFailure = error;
      } else {
        throw error;
      }
    }
  }
  if (lastFailure && !sent) throw lastFailure;
}

/** Own routines the server has never confirmed: it would refuse a session of one, for good. */
async function unconfirmedOwnRoutineIds() {
  const [routines, records] = await Promise.all([listOwnRoutineRecords(), getAllRecords(QUEUE_STORE)]);
  const confirmed = new Set(records.filter((record) => record.syncedUpdatedAt).map((record) => record.sessionId));
  return new Set(routines.filter((routine) => !confirmed.has(confirmationKey(routine.id))).map((routine) => routine.id));
}

/** Send every pending session, but those of the routines in `holdBack`, which wait for a later run. */
async function pushPending(automatic, runGeneration, holdBack = new Set()) {
  const [sessions, records] = await Promise.all([listSessions(), getAllRecords(QUEUE_STORE)]);
  const pending = pendingSessions(sessions, records).filter((session) => !holdBack.has(session.routineId));
  if (!pending.length) return;
  const device = await ensureDevice({ automatic });
  const payloads = pending.map((session) => toPayload(session, session.sets));
  for (const batch of toBatches(payloads)) {
    try {
      await sendBatch(device, batch, runGeneration);
    } catch (error) {
      const oneMayBeAtFault = HTTP_CLIENT_ERRORS_TO_REFUSE.has(error.status) || (error.status >= 500 && batch.length > 1);
      if (!oneMayBeAtFault) throw error;
      await sendOneByOne(device, batch, runGeneration);
    }
  }
}

/**
 * Bring an account's sessions to this device, newest first, page by page; resolves how many
 * were kept. `markSynced` records them as confirmed (true for this device's own account).
 * Unless `full`, a pull stops at a page that holds nothing new.
 */
async function pullSessions(token, runGeneration, { markSynced, full }) {
  let total = 0;
  let before = null;
  do {
    const query = `?limit=${PULL_PAGE}` + (before ? `&before=${encodeURIComponent(before)}` : "");
    const page = await callApi("GET", `/sessions${query}`, { token });
    const kept = await keepPulled(page.sessions, {
      // Confirmed in the same transaction as the session itself: never one without the other.
      alongWith: (pulled) => (markSynced ? [["put", QUEUE_STORE, { sessionId: pulled.id, syncedUpdatedAt: pulled.updatedAt }]] : []),
      beforeCommit: () => checkCurrent(runGeneration),
    });
    total += kept;
    before = kept || full ? page.next : null;
  } while (before);
  if (total) announce(LOG_PULLED);
  return total;
}

/** This account's history, here. Until one pull has reached the oldest session, pulls go all the way. */
async function pullHistory(runGeneration) {
  const device = await getDevice();
  if (!device) return;
  const pulledAll = await getSetting(SETTING_KEYS.syncPulledAll, false);
  await pullSessions(device.token, runGeneration, { markSynced: true, full: !pulledAll });
  if (await pullFunctionChecks(device.token, () => checkCurrent(runGeneration))) announce(LOG_PULLED);
  if (!pulledAll) await setSetting(SETTING_KEYS.syncPulledAll, true);
}

/** Whether nothing waits to be sent: every session, weekly check and own routine confirmed (or refused). */
async function nothingWaits() {
  const [sessions, records, checks, routines] = await Promise.all([listSessionRecords(), getAllRecords(QUEUE_STORE), checkSyncStatus(), listOwnRoutineRecords()]);
  return !pendingSessions(sessions, records).length && !checks.waiting && !unsentRoutines(routines, records).length;
}

/**
 * After joining another account and sending everything there: leave the old account behind.
 * Alone on it, this device would leave an account nobody can reach, so the account is deleted,
 * but only once every session, weekly check and own routine in it is on this device (and so
 * sent to the new account).
 */
async function leaveFormerAccount(runGeneration) {
  const former = await getFormerDevice();
  if (!former) return;
  try {
    const { devices } = await callApi("GET", "/devices", { token: former.token });
    if (devices.length > 1) {
      await callApi("DELETE", `/devices/${encodeURIComponent(former.id)}`, { token: former.token });
    } else {
      const current = () => checkCurrent(runGeneration);
      const sessions = await pullSessions(former.token, runGeneration, { markSynced: false, full: true });
      const checks = await pullFunctionChecks(former.token, current, { markSynced: false });
      const routines = await pullOwnRoutines(former.token, current);
      if (checks) announce(LOG_PULLED);
      if (sessions || checks || routines) {
        // They are pending now: send them to the new account first; the next run deletes.
        announce(LOG_CHANGED);
        return;
      }
      await callApi("DELETE", "/account", { token: former.token });
    }
  } catch (error) {
    if (error.status !== 401) throw error;
  }
  await setFormerDevice(null);
}

/** One run; resolves true when everything it tried went through. */
async function runOnce({ pull, automatic }) {
  // Offline there is nothing to try: the "online" event starts the next run.
  if (!navigator.onLine) return false;
  const runGeneration = generation;
  try {
    // Own routines first: the server takes a session of one only once it knows the routine. Their
    // failure must not stop the log: the sessions of routines the server knows still go, the
    // others wait (never sent to be refused for good), and the run counts as failed, to retry.
    let ownRoutinesFailure = null;
    try {
      await syncOwnRoutines({
        ensureDevice: () => ensureDevice({ automatic }),
        getDevice,
        confirmations: () => getAllRecords(QUEUE_STORE),
        write: (records) => commitFor(runGeneration, records.map((record) => ["put", QUEUE_STORE, record])),
      });
    } catch (error) {
      if (error instanceof Superseded || error instanceof SignedOut || error.status === 401) throw error;
      ownRoutinesFailure = error;
    }
    await pushPending(automatic, runGeneration, await unconfirmedOwnRoutineIds());
    await pushFunctionChecks(
      () => ensureDevice({ automatic }),
      (operations) => commitFor(runGeneration, operations),
    );
    if (pull) await pullHistory(runGeneration);
    if (await nothingWaits()) await leaveFormerAccount(runGeneration);
    if (ownRoutinesFailure) throw ownRoutinesFailure;
    failures = 0;
    lastError = null;
    if (await getDevice()) await setSetting(SETTING_KEYS.syncLastAt, Date.now());
    return true;
  } catch (error) {
    if (error instanceof Superseded) return false;
    if (error instanceof SignedOut) {
      lastError = null;
      return false;
    }
    if (error.status === 401) {
      await signedOut();
      lastError = "This device was signed out of sync. Your sessions are still here.";
      return false;
    }
    console.error(error);
    failures += 1;
    lastError = error.status ? error.message : "No connection to the server.";
    clearTimeout(retryTimer);
    const wait = error.retryAfterSeconds ? error.retryAfterSeconds * 1000 : retryDelay(failures);
    retryTimer = setTimeout(() => syncNow({ pull, automatic }), wait);
    return false;
  }
}

/**
 * Sync now (push what is pending; with `pull`, also bring the account's history here).
 * `automatic` runs (not asked for by the person) never sign a signed-out device in again.
 * A call while a run is in flight is folded into one more run after it; the promise resolves
 * (true when all went through) once a run that began after the call has ended. Never rejects.
 */
export function syncNow({ pull = false, automatic = false } = {}) {
  if (running) {
    // A run the person asked for stays theirs, and a pull asked for is not dropped.
    again = { pull: pull || Boolean(again?.pull), automatic: automatic && (again?.automatic ?? true) };
    // The promise of the run in flight settles only after the run folded after it (below).
    return running;
  }
  clearTimeout(retryTimer);
  announce(SYNC_STATUS);
  running = runOnce({ pull, automatic })
    .catch((error) => {
      console.error(error);
      return false;
    })
    .then((ok) => {
      running = null;
      announce(SYNC_STATUS);
      if (again) {
        const next = again;
        again = null;
        return syncNow(next);
      }
      return ok;
    });
  return running;
}

/** Wait for any run in flight (and the one folded after it), then make later results stale. */
export async function newGeneration() {
  clearTimeout(retryTimer);
  while (running) await running;
  generation += 1;
}

/** A new account (joined with a code): every session must be sent to it, and its history pulled whole. */
export async function restartForNewAccount() {
  await setSetting(SETTING_KEYS.syncPulledAll, false);
  // Confirmations were for the old account.
  await clearStores([QUEUE_STORE, FUNCTION_CHECK_SYNC_STORE]);
  failures = 0;
}

/** Everything was deleted: nothing synced, nothing pulled, no error to show. */
export async function restartAfterDelete() {
  await setSetting(SETTING_KEYS.syncLastAt, null);
  await setSetting(SETTING_KEYS.syncPulledAll, false);
  lastError = null;
}

/** What Settings shows: signed in or not, how many wait, when the last sync was. */
export async function syncStatus(now = Date.now()) {
  const [sessions, records, device, lastAt, signedOutHere, checks, ownRoutines] = await Promise.all([
    listSessionRecords(),
    getAllRecords(QUEUE_STORE),
    getDevice(),
    getSetting(SETTING_KEYS.syncLastAt, null),
    wasSignedOut(),
    checkSyncStatus(),
    listOwnRoutineRecords(),
  ]);
  return {
    device,
    signedOut: !device && signedOutHere,
    syncing: Boolean(running),
    waiting: pendingSessions(sessions, records).length,
    checksWaiting: checks.waiting,
    checksRefused: checks.refused,
    refused: refusedSessions(sessions, records),
    routinesRefused: refusedRoutines(ownRoutines, records),
    total: sessions.filter((session) => session.status !== "in-progress").length,
    lastSynced: lastAt ? agoInWords(lastAt, now) : null,
    lastError,
    online: navigator.onLine,
  };
}

/** Start syncing: now (pulling too, for a device that joined), after each change, and when online. */
export function startSync() {
  window.addEventListener(LOG_CHANGED, () => syncNow({ automatic: true }));
  window.addEventListener(OWN_ROUTINES_CHANGED, () => syncNow({ automatic: true }));
  window.addEventListener("online", () => syncNow({ pull: true, automatic: true }));
  syncNow({ pull: true, automatic: true });
}
