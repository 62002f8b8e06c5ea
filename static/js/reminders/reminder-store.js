/**
 * This device's reminder: the choice kept in IndexedDB (settings "reminder"), the push
 * subscription, and the server's copy (PUT, DELETE /reminders). Only this module reads or
 * writes them. Every call to the server goes one after another, so answers never cross.
 */
import { ApiError, callApi } from "../lib/api-client.js";
import { SAFETY_CHANGED } from "../lib/events.js";
import { fromBase64Url } from "../lib/base64url.js";
import { defaultReminder, isTime, pausedForSafety, reminderBody, sameKey } from "./reminder-rules.js";
import { deviceTimeZone } from "../safety/screen-rules.js";
import { getScreenRecord } from "../safety/safety-store.js";
import { getSetting, SETTING_KEYS, setSetting } from "../lib/settings.js";
import { getDevice } from "../account/sync-identity.js";
import { ensureDevice } from "../account/sync-queue.js";

// The worker is registered once the first view is drawn; past this, something is wrong with it.
const WORKER_READY_MS = 15_000;

/**
 * Why a reminder could not be switched on, changed or off: `kind` is "denied" (notifications
 * blocked), "dismissed" (the question closed unanswered), "unsupported", "offline" or "server".
 */
export class ReminderError extends Error {
  constructor(kind, message = kind) {
    super(message);
    this.kind = kind;
  }
}

let queue = Promise.resolve();

/** Run `task` after every earlier one has settled. */
function serial(task) {
  const run = queue.then(task);
  queue = run.catch(() => null);
  return run;
}

/** An ApiError or a failed fetch as a ReminderError; anything else as it is. */
function asReminderError(error) {
  if (error instanceof ReminderError) return error;
  if (error instanceof ApiError) return new ReminderError("server", error.message);
  if (error instanceof TypeError || error?.name === "TimeoutError") return new ReminderError("offline");
  return error;
}

function requireOnline() {
  if (!navigator.onLine) throw new ReminderError("offline");
}

function keptReminder() {
  return getSetting(SETTING_KEYS.reminder, null);
}

/**
 * The reminder as kept here (or the default: off, every day at 08:00), in the zone this device
 * is in now: a person who travels is reminded at their chosen time where they are. One kept
 * "on" by a device no longer signed in is off: its account, and so the server's copy, is gone.
 */
export async function loadReminder() {
  const kept = await keptReminder();
  const zone = deviceTimeZone();
  const reminder = { ...(kept ?? defaultReminder(zone ?? "UTC")), ...(zone ? { timeZone: zone } : {}) };
  if (reminder.on && !(await getDevice())) return { ...reminder, on: false, subscription: null, sentPaused: null };
  return reminder;
}

function keepReminder(reminder) {
  return setSetting(SETTING_KEYS.reminder, reminder);
}

async function workerRegistration() {
  const timeout = new Promise((_resolve, reject) =>
    setTimeout(() => reject(new ReminderError("unsupported", "no service worker")), WORKER_READY_MS),
  );
  return Promise.race([navigator.serviceWorker.ready, timeout]);
}

/** This device's push subscription for the server's key: the one it has, or a new one. */
async function subscribe(publicKey) {
  const registration = await workerRegistration();
  const key = fromBase64Url(publicKey);
  const existing = await registration.pushManager.getSubscription();
  // One made for another key (the server's key was replaced) cannot carry this server's messages.
  if (existing && sameKey(existing.options?.applicationServerKey, key)) return existing;
  if (existing) await existing.unsubscribe();
  try {
    return await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  } catch (error) {
    if (error?.name === "NotAllowedError") throw new ReminderError("denied");
    // AbortError: the browser has no push service it can reach (or none at all).
    throw new ReminderError(navigator.onLine ? "unsupported" : "offline", error?.message);
  }
}

/** Send `reminder` to the server with the safety check's state now, and keep what was sent. */
async function sendReminder(reminder, device) {
  const paused = pausedForSafety(await getScreenRecord());
  await callApi("PUT", "/reminders", { token: device.token, body: reminderBody(reminder, paused) });
  const sent = { ...reminder, sentPaused: paused };
  await keepReminder(sent);
  return sent;
}

/**
 * Switch the reminder on for `choice` (days, time, timeZone). Call it straight from the tap:
 * the browser asks for permission only in answer to one, so that question comes first.
 */
export function switchOn(choice) {
  if (!navigator.onLine) return Promise.reject(new ReminderError("offline"));
  if (!("Notification" in window) || !("PushManager" in window) || !navigator.serviceWorker)
    return Promise.reject(new ReminderError("unsupported"));
  const permission = Notification.requestPermission();
  return serial(async () => {
    const answer = await permission;
    if (answer === "denied") throw new ReminderError("denied");
    if (answer !== "granted") throw new ReminderError("dismissed");
    try {
      const device = await ensureDevice();
      const { publicKey } = await callApi("GET", "/reminders/vapid-public-key");
      const subscription = await subscribe(publicKey);
      return await sendReminder({ ...choice, on: true, subscription: subscription.toJSON() }, device);
    } catch (error) {
      throw asReminderError(error);
    }
  });
}

/**
 * Keep a new choice of days, time or zone: on the server too when the reminder is on. Resolves
 * the reminder as kept; on a failure nothing changes, here or there.
 */
export function changeReminder(choice) {
  return serial(async () => {
    const reminder = { ...(await loadReminder()), ...choice };
    if (!reminder.on || !isTime(reminder.time) || !reminder.days.length) {
      await keepReminder(reminder);
      return reminder;
    }
    try {
      requireOnline();
      return await sendReminder(reminder, await ensureDevice());
    } catch (error) {
      throw asReminderError(error);
    }
  });
}

/** Switch the reminder off: deleted on the server first, then the push subscription ended. */
export function switchOff() {
  return serial(async () => {
    const reminder = await loadReminder();
    try {
      requireOnline();
      const device = await getDevice();
      if (device) await callApi("DELETE", "/reminders", { token: device.token });
    } catch (error) {
      throw asReminderError(error);
    }
    const off = { ...reminder, on: false, subscription: null, sentPaused: null };
    await keepReminder(off);
    const registration = await navigator.serviceWorker?.getRegistration();
    const subscription = await registration?.pushManager?.getSubscription();
    // The server no longer sends to it; ending it is tidiness, and its failure harms nothing.
    await subscription?.unsubscribe().catch((error) => console.error(error));
    return off;
  });
}

/**
 * Tell the server when what it was last sent no longer holds: the safety check's state changed,
 * or the device is in another time zone.
 */
export function sendChanges() {
  return serial(async () => {
    const [kept, reminder] = await Promise.all([keptReminder(), loadReminder()]);
    if (
      !reminder.on ||
      (kept.sentPaused === pausedForSafety(await getScreenRecord()) && kept.timeZone === reminder.timeZone)
    )
      return;
    const device = await getDevice();
    if (device) await sendReminder(reminder, device);
  }).catch((error) => {
    // Offline or refused: tried again when the device is back online, or at the next start.
    console.error(error);
  });
}

/** From now on, keep the server's copy in step with the safety check and the zone (and catch up now). */
export function watchReminders() {
  window.addEventListener(SAFETY_CHANGED, sendChanges);
  window.addEventListener("online", sendChanges);
  sendChanges();
}
