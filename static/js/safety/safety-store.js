/**
 * Safety state on the device: the red-flag screen's answers, the pain guard's suggestion,
 * and the heat and cold sessions. The safety content itself comes from the catalog.
 */
import { readDocument } from "../catalog/catalog-store.js";
import { announce, SAFETY_CHANGED } from "../lib/events.js";
import { getAllRecords, putRecord } from "../lib/idb.js";
import { screenStatus } from "./screen-rules.js";
import { getSetting, SETTING_KEYS, setSetting } from "../lib/settings.js";

export const SAFETY_PATH = "/api/v1/safety";
// The heat and cold log: this module alone reads and writes it.
export const THERMAL_STORE = "thermal";

export function readSafety() {
  return readDocument(SAFETY_PATH);
}

export function getScreenRecord() {
  return getSetting(SETTING_KEYS.safetyScreen, null);
}

/** Keep the safety check's answers, then say so: reminders must not invite exercise while one stands. */
export async function saveScreenRecord(record) {
  await setSetting(SETTING_KEYS.safetyScreen, record);
  announce(SAFETY_CHANGED);
}

/** The safety content, the person's answers, and whether the routines are open to them now. */
export async function routineGate() {
  const [safety, record] = await Promise.all([readSafety(), getScreenRecord()]);
  // Without the safety content (never downloaded) we cannot screen: treat it as due.
  const status = safety ? screenStatus(safety, record, Date.now()) : "due";
  return { safety, record, status };
}

/** The routine the pain guard suggests instead of the daily one, or null. */
export function getGentlerSuggestion() {
  return getSetting(SETTING_KEYS.painGuard, null);
}

export function setGentlerSuggestion(value) {
  return setSetting(SETTING_KEYS.painGuard, value);
}

export function saveHeatColdSession(session) {
  return putRecord(THERMAL_STORE, session);
}

export async function listHeatColdSessions() {
  const sessions = await getAllRecords(THERMAL_STORE);
  return sessions.sort((a, b) => b.startedAt - a.startedAt);
}

export function getActiveHeatCold() {
  return getSetting(SETTING_KEYS.heatColdActive, null);
}

export function setActiveHeatCold(value) {
  return setSetting(SETTING_KEYS.heatColdActive, value);
}
