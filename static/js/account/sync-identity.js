/**
 * This device's identity for sync: its bearer token and device id on the server (settings
 * "syncDevice"), whether it was signed out, and the sign-in it had before it joined another
 * account. Only this module reads or writes them.
 */
import { ApiError, callApi } from "../lib/api-client.js";
import { getSetting, SETTING_KEYS, setSetting } from "../lib/settings.js";

/** A run that would sign in a device that was signed out, without the person asking. */
export class SignedOut extends Error {}

export function getDevice() {
  return getSetting(SETTING_KEYS.syncDevice, null);
}

/** This device's sign-in, or an ApiError 401 as the server would answer without one. */
export async function requireDevice() {
  const device = await getDevice();
  if (!device) throw new ApiError(401, { error: { message: "This device is not signed in to sync." } });
  return device;
}

function deviceName() {
  const phone = /Android|iPhone|iPad/.exec(navigator.userAgent)?.[0];
  return phone ? `${phone} browser` : "Browser";
}

/**
 * Sign this device in on the server: on a new anonymous account, or with `pairingCode` on the
 * account of the device that showed it. Resolves the new sign-in, not yet kept.
 */
export async function signIn(pairingCode = undefined) {
  const { token, device } = await callApi("POST", "/devices", { body: { name: deviceName(), pairingCode } });
  return { token, id: device.id, name: device.name };
}

/** Keep `record` as this device's sign-in. */
export async function keepDevice(record) {
  await setSetting(SETTING_KEYS.syncDevice, record);
  await setSetting(SETTING_KEYS.syncSignedOut, false);
}

/** The token stopped working (revoked, or the account deleted elsewhere): forget it. */
export async function forgetDevice() {
  await setSetting(SETTING_KEYS.syncDevice, null);
  await setSetting(SETTING_KEYS.syncSignedOut, true);
}

/** Whether this device was signed out (and so must not sign itself in again on its own). */
export function wasSignedOut() {
  return getSetting(SETTING_KEYS.syncSignedOut, false);
}

/** The sign-in this device had before it joined another account, until that one is left. */
export function getFormerDevice() {
  return getSetting(SETTING_KEYS.syncFormerDevice, null);
}

export function setFormerDevice(record) {
  return setSetting(SETTING_KEYS.syncFormerDevice, record);
}

/** Forget every sign-in, as after deleting the account (not "signed out": nothing was revoked). */
export async function clearIdentity() {
  await setSetting(SETTING_KEYS.syncDevice, null);
  await setFormerDevice(null);
}
