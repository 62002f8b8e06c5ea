/**
 * The sync queue: runs of sync, on start, after each change, when the device comes online, and
 * again with backoff after a failure. A run sends the own routines, the sessions and the weekly
 * checks the account has not confirmed (each kind by the one protocol of `synced-kind.js`), and
 * pulls the account's. It owns the runs and their status.
 *
 * Joining another account and deleting the data (sync-account.js) wait for a run in flight and
 * start a new "generation": whatever an older run brings back afterwards (confirmations, pulled
 * records) is dropped, never written.
 */
import { callApi } from "../lib/api-client.js";
import { announce, LOG_CHANGED, OWN_ROUTINES_CHANGED, SYNC_STATUS } from "../lib/events.js";
import { WEEKLY_CHECKS } from "../function-check/function-check-sync.js";
import { OWN_ROUTINES, refusedRoutines } from "../own-routines/own-routine-sync.js";
import { SESSIONS } from "../log/session-sync.js";
import { getSetting, SETTING_KEYS, setSetting } from "../lib/settings.js";
import { agoInWords, retryDelay } from "../sync/sync-plan.js";
import { forgetConfirmations, neverConfirmed, pull, push, stateOf } from "../sync/synced-kind.js";
import {
  forgetDevice,
  getDevice,
  getFormerDevice,
  keepDevice,
  setFormerDevice,
  signIn,
  SignedOut,
  wasSignedOut,
} from "./sync-identity.js";

// Every kind of record that syncs.
const KINDS = [SESSIONS, WEEKLY_CHECKS, OWN_ROUTINES];

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
  await forgetConfirmations();
}

/**
 * Own routines: send, pull the account's whole list, and send again, as a deletion pulled from
 * another device may have made room for a routine refused for the account's limit.
 */
async function syncOwnRoutines(device, current) {
  await push(OWN_ROUTINES, { device, checkCurrent: current });
  const known = await getDevice();
  if (!known) return;
  await pull(OWN_ROUTINES, known.token, { checkCurrent: current });
  await push(OWN_ROUTINES, { device, checkCurrent: current });
}

/** This account's history, here. Until one pull has reached the oldest session, pulls go all the way. */
async function pullHistory(current) {
  const device = await getDevice();
  if (!device) return;
  const pulledAll = await getSetting(SETTING_KEYS.syncPulledAll, false);
  await pull(SESSIONS, device.token, { full: !pulledAll, checkCurrent: current });
  await pull(WEEKLY_CHECKS, device.token, { checkCurrent: current });
  if (!pulledAll) await setSetting(SETTING_KEYS.syncPulledAll, true);
}

/** Whether nothing waits to be sent: every session, weekly check and own routine confirmed (or refused). */
async function nothingWaits() {
  const states = await Promise.all(KINDS.map(stateOf));
  return states.every((state) => !state.unsent.length);
}

/**
 * After joining another account and sending everything there: leave the old account behind.
 * Alone on it, this device would leave an account nobody can reach, so the account is deleted,
 * but only once every session, weekly check and own routine in it is on this device (and so
 * sent to the new account).
 */
async function leaveFormerAccount(current) {
  const former = await getFormerDevice();
  if (!former) return;
  try {
    const { devices } = await callApi("GET", "/devices", { token: former.token });
    if (devices.length > 1) {
      await callApi("DELETE", `/devices/${encodeURIComponent(former.id)}`, { token: former.token });
    } else {
      // Kept unconfirmed: they are this account's to send.
      let brought = 0;
      for (const kind of KINDS)
        brought += await pull(kind, former.token, { markSynced: false, full: true, checkCurrent: current });
      if (brought) {
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
  const current = () => checkCurrent(runGeneration);
  const device = () => ensureDevice({ automatic });
  try {
    // Own routines first: the server takes a session of one only once it knows the routine. Their
    // failure must not stop the log: the sessions of routines the server knows still go, the
    // others wait (never sent to be refused for good), and the run counts as failed, to retry.
    let ownRoutinesFailure = null;
    try {
      await syncOwnRoutines(device, current);
    } catch (error) {
      if (error instanceof Superseded || error instanceof SignedOut || error.status === 401) throw error;
      ownRoutinesFailure = error;
    }
    const unknownRoutines = await neverConfirmed(OWN_ROUTINES);
    await push(SESSIONS, {
      device,
      checkCurrent: current,
      holdBack: (session) => unknownRoutines.has(session.routineId),
    });
    await push(WEEKLY_CHECKS, { device, checkCurrent: current });
    if (pull) await pullHistory(current);
    if (await nothingWaits()) await leaveFormerAccount(current);
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
  await forgetConfirmations();
  failures = 0;
}

/** Everything was deleted: nothing synced, nothing pulled, no error to show. */
export async function restartAfterDelete() {
  await setSetting(SETTING_KEYS.syncLastAt, null);
  await setSetting(SETTING_KEYS.syncPulledAll, false);
  lastError = null;
}

/** What Settings shows: signed in or not, how many wait or were refused, when the last sync was. */
export async function syncStatus(now = Date.now()) {
  const [sessions, checks, routines, device, lastAt, signedOutHere] = await Promise.all([
    stateOf(SESSIONS),
    stateOf(WEEKLY_CHECKS),
    stateOf(OWN_ROUTINES),
    getDevice(),
    getSetting(SETTING_KEYS.syncLastAt, null),
    wasSignedOut(),
  ]);
  const reasons = (refused) => refused.map(({ confirmation }) => confirmation);
  return {
    device,
    signedOut: !device && signedOutHere,
    syncing: Boolean(running),
    waiting: sessions.unsent.length,
    checksWaiting: checks.unsent.length,
    checksRefused: reasons(checks.refused),
    refused: reasons(sessions.refused),
    routinesRefused: refusedRoutines(routines.refused),
    total: sessions.records.filter((session) => session.status !== "in-progress").length,
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
