/** The person's choices, kept in IndexedDB on this device. */
import { getRecord, putRecord } from "./idb.js";

export const DEFAULT_DAILY_ROUTINE = "back-basics";

export async function getSetting(key, fallback) {
  const record = await getRecord("settings", key);
  return record === undefined ? fallback : record.value;
}

export function setSetting(key, value) {
  return putRecord("settings", { key, value });
}

export function getDailyRoutineId() {
  return getSetting("dailyRoutine", DEFAULT_DAILY_ROUTINE);
}

export function setDailyRoutineId(routineId) {
  return setSetting("dailyRoutine", routineId);
}
