/**
 * The person's choices and the device's small state, kept in IndexedDB under named keys.
 * Every key is declared here, once, so what is stored under "settings" is read in one place.
 */
import { getRecord, putRecord } from "./idb.js";

// Home's routine when the plan's rules are missing and nothing is picked: the gentlest, as the
// person may be in a flare.
export const DEFAULT_DAILY_ROUTINE = "acute-relief";

export const SETTING_KEYS = Object.freeze({
  dailyRoutine: "dailyRoutine",
  // The daily plan: today's check-in ({ day, answer }) and the person's work days and desk break.
  checkIn: "checkIn",
  planWorkDays: "planWorkDays",
  planDeskBreak: "planDeskBreak",
  // Safety: the red-flag screen's answers, the pain guard's suggestion, the running pack.
  safetyScreen: "safetyScreen",
  painGuard: "painGuard",
  heatColdActive: "heatColdActive",
  wakeLockNoticeShown: "wakeLockNoticeShown",
  // Sync: this device's sign-in, and the queue's own memory.
  syncDevice: "syncDevice",
  syncSignedOut: "syncSignedOut",
  syncFormerDevice: "syncFormerDevice",
  syncLastAt: "syncLastAt",
  syncPulledAll: "syncPulledAll",
  // Reminders: the days, time and zone chosen, this device's push subscription, what the server has.
  reminder: "reminder",
  // The weekly function check: when "Not now" was tapped on Home's card (ms since 1970).
  weeklyCheckSnoozedAt: "weeklyCheckSnoozedAt",
});

/** The key of one cue's on/off switch ("speech", "tones"…). */
export function cueSettingKey(cue) {
  return `cue.${cue}`;
}

export async function getSetting(key, fallback) {
  const record = await getRecord("settings", key);
  return record === undefined ? fallback : record.value;
}

export function setSetting(key, value) {
  return putRecord("settings", { key, value });
}

/** The routine the person made their daily one, or null while the plan chooses. */
export function getPickedRoutineId() {
  return getSetting(SETTING_KEYS.dailyRoutine, null);
}

export function setDailyRoutineId(routineId) {
  return setSetting(SETTING_KEYS.dailyRoutine, routineId);
}
