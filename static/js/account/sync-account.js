/**
 * The account calls of Settings → "Your data": joining another device's account with its
 * pairing code, showing a code, the devices on the account, the CSV export, and deleting
 * everything here and on the server. The queue (sync-queue.js) sends; this module asks.
 */
import { callApi } from "../lib/api-client.js";
import { announce, LOG_PULLED, SYNC_STATUS } from "../lib/events.js";
import { FUNCTION_CHECK_STORE } from "../function-check/function-check-store.js";
import { commit } from "../lib/idb.js";
import { clearLog } from "../log/log-store.js";
import { OWN_ROUTINES_STORE } from "../own-routines/own-routine-store.js";
import { THERMAL_STORE } from "../safety/safety-store.js";
import { SETTING_KEYS } from "../lib/settings.js";
import {
  clearIdentity,
  getDevice,
  getFormerDevice,
  keepDevice,
  requireDevice,
  setFormerDevice,
  signIn,
} from "./sync-identity.js";
import {
  ensureDevice,
  newGeneration,
  restartAfterDelete,
  restartForNewAccount,
  signedOut,
  syncNow,
} from "./sync-queue.js";
import { CONFIRMATIONS_STORE } from "../sync/synced-kind.js";

/**
 * Join the account of another device with its pairing code. Everything on this device is sent
 * there too, and then the account it had before is left (deleted if it was its only device).
 * Resolves true when the other device's history has fully arrived.
 */
export async function joinWithCode(code) {
  const joined = await signIn(code);
  await newGeneration();
  const former = await getDevice();
  if (former && !(await getFormerDevice())) await setFormerDevice(former);
  await keepDevice(joined);
  await restartForNewAccount();
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
 * Delete the account on the server (when this device has one), then every session, set, weekly
 * check, timer log and own routine on this device. Resolves whether the server's copy was deleted too.
 */
export async function deleteMyData() {
  await newGeneration();
  const device = await getDevice();
  if (device) await callApi("DELETE", "/account", { token: device.token });
  // The log, the weekly checks, the confirmations, the heat and cold log and the own routines go together, or none of them.
  await clearLog([CONFIRMATIONS_STORE, THERMAL_STORE, FUNCTION_CHECK_STORE, OWN_ROUTINES_STORE]);
  // Today's answer to "How is your back today?" is about the person's health too; the choices
  // of Settings (cues, work days) are not, and stay.
  await commit([["delete", "settings", SETTING_KEYS.checkIn]]);
  await clearIdentity();
  await restartAfterDelete();
  announce(LOG_PULLED);
  announce(SYNC_STATUS);
  return Boolean(device);
}
