/**
 * The sync queue: sends finished sessions that the server has not confirmed, on start, after
 * each session, when the device comes online, and again with backoff after a failure. A session
 * counts as synced only once the server has answered for the very edit that was sent.
 *
 * This device's token lives in IndexedDB (settings "syncDevice"); without one, the first sync
 * signs the device in on a new anonymous account. Joining another account and deleting the
 * data wait for a run in flight and start a new "generation": whatever an older run brings
 * back afterwards (confirmations, pulled sessions) is dropped, never written.
 */
import { ApiError, callApi } from "./api-client.js";
import { clearStores, commit, getAllRecords, getRecord } from "./idb.js";
import { getSetting, setSetting } from "./settings.js";
import { agoInWords, pendingSessions, refusedSessions, retryDelay, shouldKeepPulled, toBatches, toPayload } from "./sync-plan.js";

const DEVICE_KEY = "syncDevice";
const LAST_SYNC_KEY = "syncLastAt";
const SIGNED_OUT_KEY = "syncSignedOut";
// Until one pull has reached the oldest session, pulls do not stop at a page they already know.
const PULLED_ALL_KEY = "syncPulledAll";
// The sign-in this device had before it joined another account: left behind once all is sent.
const FORMER_DEVICE_KEY = "syncFormerDevice";
const PULL_PAGE = 100;
const HTTP_CLIENT_ERRORS_TO_REFUSE = new Set([400, 413, 422]);

let running = null;
let again = null;
let failures = 0;
let retryTimer = null;
let lastError = null;
let generation = 0;

class SignedOut extends Error {}
class Superseded extends Error {}

function announce() {
  window.dispatchEvent(new Event("unknot:sync-status"));
}

export function getDevice() {
  return getSetting(DEVICE_KEY, null);
}

function deviceName() {
  const phone = /Android|iPhone|iPad/.exec(navigator.userAgent)?.[0];
  return phone ? `${phone} browser` : "Browser";
}

/** Write only if no join or delete has happened since the run began. */
function commitFor(runGeneration, operations) {
  if (runGeneration !== generation) return Promise.reject(new Superseded());
  return operations.length ? commit(operations) : Promise.resolve();
}

/** This device's sign-in, made on a new account if needed, unless it was signed out and `automatic`. */
async function ensureDevice({ automatic = false } = {}) {
  const known = await getDevice();
  if (known) return known;
  // A device signed out (say, removed as lost) must not quietly start a new account on its own.
  if (automatic && (await getSetting(SIGNED_OUT_KEY, false))) throw new SignedOut();
  const { token, device } = await callApi("POST", "/devices", { body: { name: deviceName() } });
  const record = { token, id: device.id, name: device.name };
  // Kept before anything is sent with it: a token never stored would leave an empty account behind.
  await setSetting(DEVICE_KEY, record);
  await setSetting(SIGNED_OUT_KEY, false);
  await setSetting(PULLED_ALL_KEY, true); // a new account has nothing to pull
  return record;
}

async function requireDevice() {
  const device = await getDevice();
  if (!device) throw new ApiError(401, { error: { message: "This device is not signed in to sync." } });
  return device;
}

/** The token stopped working (revoked, or the account deleted elsewhere): forget it. */
async function signedOut() {
  generation += 1;
  await setSetting(DEVICE_KEY, null);
  await setSetting(SIGNED_OUT_KEY, true);
  await clearStores(["sync"]);
}

async function sendBatch(device, batch, runGeneration) {
  const sentEdits = new Map(batch.map((payload) => [payload.id, payload.updatedAt]));
  const result = await callApi("POST", "/sync", { token: device.token, body: { sessions: batch } });
  const confirmed = [...result.stored, ...result.updated, ...result.alreadyThere];
  await commitFor(runGeneration, confirmed.map((sessionId) => ["put", "sync", { sessionId, syncedUpdatedAt: sentEdits.get(sessionId) }]));
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
        await commitFor(runGeneration, [["put", "sync", { sessionId: payload.id, rejectedUpdatedAt: payload.updatedAt, message: error.message }]]);
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

async function pushPending(automatic, runGeneration) {
  const [sessions, sets, records] = await Promise.all([getAllRecords("sessions"), getAllRecords("sets"), getAllRecords("sync")]);
  const pending = pendingSessions(sessions, records);
  if (!pending.length) return;
  const device = await ensureDevice({ automatic });
  const setsBySession = groupBy(sets);
  const payloads = pending.map((session) => toPayload(session, setsBySession.get(session.id) ?? []));
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

function groupBy(records) {
  const groups = new Map();
  for (const record of records) {
    if (!groups.has(record.sessionId)) groups.set(record.sessionId, []);
    groups.get(record.sessionId).push(record);
  }
  return groups;
}

/**
 * Bring an account's sessions to this device, newest first, page by page; resolves how many
 * were kept. `markSynced` records them as confirmed (true for this device's own account).
 * Unless `full`, a pull stops at a page that holds nothing new.
 */
async function pullSessions(token, runGeneration, { markSynced, full }) {
  let kept = 0;
  let before = null;
  do {
    const query = `?limit=${PULL_PAGE}` + (before ? `&before=${encodeURIComponent(before)}` : "");
    const page = await callApi("GET", `/sessions${query}`, { token });
    const operations = [];
    for (const pulled of page.sessions) {
      const local = await getRecord("sessions", pulled.id);
      if (!shouldKeepPulled(pulled, local)) continue;
      const { sets, ...session } = pulled;
      operations.push(["put", "sessions", session]);
      for (const record of sets) operations.push(["put", "sets", { ...record, sessionId: pulled.id }]);
      if (markSynced) operations.push(["put", "sync", { sessionId: pulled.id, syncedUpdatedAt: pulled.updatedAt }]);
      kept += 1;
    }
    await commitFor(runGeneration, operations);
    before = operations.length || full ? page.next : null;
  } while (before);
  if (kept) window.dispatchEvent(new Event("unknot:log-pulled"));
  return kept;
}

/** This account's history, here. Until one pull has reached the oldest session, pulls go all the way. */
async function pullHistory(runGeneration) {
  const device = await getDevice();
  if (!device) return;
  const pulledAll = await getSetting(PULLED_ALL_KEY, false);
  await pullSessions(device.token, runGeneration, { markSynced: true, full: !pulledAll });
  if (!pulledAll) await setSetting(PULLED_ALL_KEY, true);
}

/**
 * After joining another account and sending everything there: leave the old account behind.
 * Alone on it, this device would leave an account nobody can reach, so the account is deleted,
 * but only once every session in it is on this device (and so sent to the new account).
 */
async function leaveFormerAccount(runGeneration) {
  const former = await getSetting(FORMER_DEVICE_KEY, null);
  if (!former) return;
  try {
    const { devices } = await callApi("GET", "/devices", { token: former.token });
    if (devices.length > 1) {
      await callApi("DELETE", `/devices/${encodeURIComponent(former.id)}`, { token: former.token });
    } else {
      const brought = await pullSessions(former.token, runGeneration, { markSynced: false, full: true });
      if (brought) {
        // They are pending now: send them to the new account first; the next run deletes.
        window.dispatchEvent(new Event("unknot:log-changed"));
        return;
      }
      await callApi("DELETE", "/account", { token: former.token });
    }
  } catch (error) {
    if (error.status !== 401) throw error;
  }
  await setSetting(FORMER_DEVICE_KEY, null);
}

/** One run; resolves true when everything it tried went through. */
async function runOnce({ pull, automatic }) {
  // Offline there is nothing to try: the "online" event starts the next run.
  if (!navigator.onLine) return false;
  const runGeneration = generation;
  try {
    await pushPending(automatic, runGeneration);
    if (pull) await pullHistory(runGeneration);
    const [sessions, records] = await Promise.all([getAllRecords("sessions"), getAllRecords("sync")]);
    if (!pendingSessions(sessions, records).length) await leaveFormerAccount(runGeneration);
    failures = 0;
    lastError = null;
    if (await getDevice()) await setSetting(LAST_SYNC_KEY, Date.now());
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
  announce();
  running = runOnce({ pull, automatic })
    .catch((error) => {
      console.error(error);
      return false;
    })
    .then((ok) => {
      running = null;
      announce();
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
async function newGeneration() {
  clearTimeout(retryTimer);
  while (running) await running;
  generation += 1;
}

/** What Settings shows: signed in or not, how many wait, when the last sync was. */
export async function syncStatus(now = Date.now()) {
  const [sessions, records, device, lastAt, signedOutHere] = await Promise.all([
    getAllRecords("sessions"),
    getAllRecords("sync"),
    getDevice(),
    getSetting(LAST_SYNC_KEY, null),
    getSetting(SIGNED_OUT_KEY, false),
  ]);
  return {
    device,
    signedOut: !device && signedOutHere,
    syncing: Boolean(running),
    waiting: pendingSessions(sessions, records).length,
    refused: refusedSessions(sessions, records),
    total: sessions.filter((session) => session.status !== "in-progress").length,
    lastSynced: lastAt ? agoInWords(lastAt, now) : null,
    lastError,
    online: navigator.onLine,
  };
}

/**
 * Join the account of another device with its pairing code. Everything on this device is sent
 * there too, and then the account it had before is left (deleted if it was its only device).
 * Resolves true when the other device's history has fully arrived.
 */
export async function joinWithCode(code) {
  const { token, device } = await callApi("POST", "/devices", { body: { name: deviceName(), pairingCode: code } });
  await newGeneration();
  const former = await getDevice();
  if (former && !(await getSetting(FORMER_DEVICE_KEY, null))) await setSetting(FORMER_DEVICE_KEY, former);
  await setSetting(DEVICE_KEY, { token, id: device.id, name: device.name });
  await setSetting(SIGNED_OUT_KEY, false);
  await setSetting(PULLED_ALL_KEY, false);
  // Confirmations were for the old account: this one must receive every session too.
  await clearStores(["sync"]);
  failures = 0;
  return syncNow({ pull: true });
}

export async function makePairingCode() {
  const device = await ensureDevice();
  return callApi("POST", "/pairing-codes", { token: device.token });
}

export async function listDevices() {
  const device = await getDevice();
  if (!device) return [];
  return (await callApi("GET", "/devices", { token: device.token })).devices;
}

export async function revokeDevice(deviceId) {
  const device = await requireDevice();
  await callApi("DELETE", `/devices/${encodeURIComponent(deviceId)}`, { token: device.token });
  if (deviceId === device.id) await signedOut();
}

/** The account's CSV export, after sending anything still waiting, as a Blob to save. */
export async function exportCsv() {
  await syncNow();
  const device = await ensureDevice();
  const response = await callApi("GET", "/sessions.csv", { token: device.token, raw: true });
  return response.blob();
}

/**
 * Delete the account on the server (when this device has one), then every session, set and
 * timer log on this device. Resolves whether the server's copy was deleted too.
 */
export async function deleteMyData() {
  await newGeneration();
  const device = await getDevice();
  if (device) await callApi("DELETE", "/account", { token: device.token });
  await clearStores(["sessions", "sets", "sync", "player", "thermal"]);
  for (const key of [DEVICE_KEY, LAST_SYNC_KEY, FORMER_DEVICE_KEY]) await setSetting(key, null);
  await setSetting(PULLED_ALL_KEY, false);
  lastError = null;
  window.dispatchEvent(new Event("unknot:log-pulled"));
  announce();
  return Boolean(device);
}

/** Start syncing: now (pulling too, for a device that joined), after each change, and when online. */
export function startSync() {
  window.addEventListener("unknot:log-changed", () => syncNow({ automatic: true }));
  window.addEventListener("online", () => syncNow({ pull: true, automatic: true }));
  syncNow({ pull: true, automatic: true });
}
