/**
 * The sync queue: sends finished sessions that the server has not confirmed, on start, after
 * each session, when the device comes online, and again with backoff after a failure. A session
 * counts as synced only once the server has answered for the very edit that was sent.
 *
 * This device's token lives in IndexedDB (settings "syncDevice"); without one, the first sync
 * signs the device in on a new anonymous account.
 */
import { callApi } from "./api-client.js";
import { clearStores, commit, getAllRecords, getRecord } from "./idb.js";
import { getSetting, setSetting } from "./settings.js";
import { agoInWords, pendingSessions, refusedSessions, retryDelay, shouldKeepPulled, toBatches, toPayload } from "./sync-plan.js";

const DEVICE_KEY = "syncDevice";
const LAST_SYNC_KEY = "syncLastAt";
const PULL_PAGE = 100;
const SIGNED_OUT_KEY = "syncSignedOut";
const HTTP_CLIENT_ERRORS_TO_REFUSE = new Set([400, 413, 422]);

let running = null;
let again = null;
let failures = 0;
let retryTimer = null;
let lastError = null;

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

class SignedOut extends Error {}

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
  return record;
}

/** The token stopped working (revoked, or the account deleted elsewhere): forget it. */
async function signedOut() {
  await setSetting(DEVICE_KEY, null);
  await setSetting(SIGNED_OUT_KEY, true);
  await clearStores(["sync"]);
}

async function sendBatch(device, batch, sentEdits) {
  const result = await callApi("POST", "/sync", { token: device.token, body: { sessions: batch } });
  const confirmed = [...result.stored, ...result.updated, ...result.alreadyThere];
  await commit(confirmed.map((sessionId) => ["put", "sync", { sessionId, syncedUpdatedAt: sentEdits.get(sessionId) }]));
}

/** Send one session at a time, so that one the server refuses does not hold back the others. */
async function sendOneByOne(device, batch, sentEdits) {
  for (const payload of batch) {
    try {
      await sendBatch(device, [payload], sentEdits);
    } catch (error) {
      if (!HTTP_CLIENT_ERRORS_TO_REFUSE.has(error.status)) throw error;
      await commit([["put", "sync", { sessionId: payload.id, rejectedUpdatedAt: payload.updatedAt, message: error.message }]]);
    }
  }
}

async function pushPending(automatic) {
  const [sessions, sets, records] = await Promise.all([getAllRecords("sessions"), getAllRecords("sets"), getAllRecords("sync")]);
  const pending = pendingSessions(sessions, records);
  if (!pending.length) return;
  const device = await ensureDevice({ automatic });
  const setsBySession = groupBy(sets);
  const payloads = pending.map((session) => toPayload(session, setsBySession.get(session.id) ?? []));
  for (const batch of toBatches(payloads)) {
    const sentEdits = new Map(batch.map((payload) => [payload.id, payload.updatedAt]));
    try {
      await sendBatch(device, batch, sentEdits);
    } catch (error) {
      if (!HTTP_CLIENT_ERRORS_TO_REFUSE.has(error.status)) throw error;
      await sendOneByOne(device, batch, sentEdits);
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
 * Bring the account's sessions to this device, newest first, page by page, stopping at a page
 * that holds nothing new. What is kept is marked synced in the same transaction.
 */
export async function pullHistory() {
  const device = await getDevice();
  if (!device) return 0;
  let kept = 0;
  let before = null;
  do {
    const query = `?limit=${PULL_PAGE}` + (before ? `&before=${encodeURIComponent(before)}` : "");
    const page = await callApi("GET", `/sessions${query}`, { token: device.token });
    const operations = [];
    for (const pulled of page.sessions) {
      const local = await getRecord("sessions", pulled.id);
      if (!shouldKeepPulled(pulled, local)) continue;
      const { sets, ...session } = pulled;
      operations.push(["put", "sessions", session]);
      for (const record of sets) operations.push(["put", "sets", { ...record, sessionId: pulled.id }]);
      operations.push(["put", "sync", { sessionId: pulled.id, syncedUpdatedAt: pulled.updatedAt }]);
      kept += 1;
    }
    if (operations.length) await commit(operations);
    before = operations.length ? page.next : null;
  } while (before);
  if (kept) window.dispatchEvent(new Event("unknot:log-pulled"));
  return kept;
}

async function runOnce({ pull, automatic }) {
  // Offline there is nothing to try: the "online" event starts the next run.
  if (!navigator.onLine) return;
  try {
    await pushPending(automatic);
    if (pull) await pullHistory();
    failures = 0;
    lastError = null;
    if (await getDevice()) await setSetting(LAST_SYNC_KEY, Date.now());
  } catch (error) {
    if (error instanceof SignedOut) {
      lastError = null;
      return;
    }
    if (error.status === 401) {
      await signedOut();
      lastError = "This device was signed out of sync. Your sessions are still here.";
      return;
    }
    failures += 1;
    lastError = error.status ? error.message : "No connection to the server.";
    clearTimeout(retryTimer);
    const wait = error.retryAfterSeconds ? error.retryAfterSeconds * 1000 : retryDelay(failures);
    retryTimer = setTimeout(() => syncNow({ automatic }), wait);
  }
}

/**
 * Sync now (push what is pending; with `pull`, also bring the account's history here).
 * `automatic` runs (not asked for by the person) never sign a signed-out device in again.
 * Calls while one runs are folded into one more run after it. Never rejects.
 */
export function syncNow({ pull = false, automatic = false } = {}) {
  if (running) {
    // Fold into one more run; a run the person asked for stays theirs.
    again = { pull: pull || Boolean(again?.pull), automatic: automatic && (again?.automatic ?? true) };
    return running;
  }
  clearTimeout(retryTimer);
  announce();
  running = runOnce({ pull, automatic })
    .catch((error) => console.error(error))
    .finally(() => {
      running = null;
      announce();
      if (again) {
        const next = again;
        again = null;
        syncNow(next);
      }
    });
  return running;
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

/** Join the account of another device with its pairing code; everything here is sent there too. */
export async function joinWithCode(code) {
  const { token, device } = await callApi("POST", "/devices", { body: { name: deviceName(), pairingCode: code } });
  await setSetting(DEVICE_KEY, { token, id: device.id, name: device.name });
  await setSetting(SIGNED_OUT_KEY, false);
  // Confirmations were for the old account: this one must receive every session too.
  await clearStores(["sync"]);
  failures = 0;
  await syncNow({ pull: true });
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
  const device = await getDevice();
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

/** Delete the account on the server, then every session, set and timer log on this device. */
export async function deleteMyData() {
  const device = await getDevice();
  if (device) await callApi("DELETE", "/account", { token: device.token });
  await clearStores(["sessions", "sets", "sync", "player", "thermal"]);
  await setSetting(DEVICE_KEY, null);
  await setSetting(LAST_SYNC_KEY, null);
  lastError = null;
  window.dispatchEvent(new Event("unknot:log-pulled"));
  announce();
}

/** Start syncing: now (pulling too, for a device that joined), after each change, and when online. */
export function startSync() {
  window.addEventListener("unknot:log-changed", () => syncNow({ automatic: true }));
  window.addEventListener("online", () => syncNow({ pull: true, automatic: true }));
  syncNow({ pull: true, automatic: true });
}
