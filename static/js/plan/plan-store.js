/**
 * The daily plan on the device: its rules from the catalog, today's check-in and the person's
 * plan choices from the settings store, and the log it reads. What today's routine is, is
 * `daily-plan.js`'s job; this module only gathers what it needs.
 */
import { PLAN_PATH, readDocument } from "../catalog/catalog-store.js";
import { localDay } from "./daily-plan.js";
import { listSessionRecords } from "../log/log-store.js";
import { getPickedRoutineId, getSetting, SETTING_KEYS, setSetting } from "../lib/settings.js";

export const DEFAULT_WORK_DAYS = [1, 2, 3, 4, 5];
// Earlier days' answers kept for "one step at a time" (plan.json one_step): more than its window.
const EARLIER_KEPT = 14;

export function readPlanRules() {
  return readDocument(PLAN_PATH);
}

/** Today's check-in answer id, or null when the person has not answered today. */
export async function getTodaysCheckIn(now = new Date()) {
  const record = await getSetting(SETTING_KEYS.checkIn, null);
  return record?.day === localDay(now) ? record.answer : null;
}

/**
 * Keep today's answer (replacing an earlier one of the same day), and the last answer of each
 * earlier day under `earlier`, newest first; resolves once written.
 */
export async function saveCheckIn(answer, now = new Date()) {
  const day = localDay(now);
  const record = await getSetting(SETTING_KEYS.checkIn, null);
  const earlier = record && record.day !== day ? [{ day: record.day, answer: record.answer }, ...(record.earlier ?? [])] : (record?.earlier ?? []);
  return setSetting(SETTING_KEYS.checkIn, { day, answer, answeredAt: now.toISOString(), earlier: earlier.slice(0, EARLIER_KEPT) });
}

/** Earlier days' answers, `{ day, answer }`: the last one kept and those it remembers. */
async function getEarlierCheckIns(now = new Date()) {
  const record = await getSetting(SETTING_KEYS.checkIn, null);
  if (!record) return [];
  return record.day === localDay(now) ? (record.earlier ?? []) : [{ day: record.day, answer: record.answer }, ...(record.earlier ?? [])];
}

export async function getPlanChoices() {
  const [pickedRoutineId, deskBreak, workDays] = await Promise.all([
    getPickedRoutineId(),
    getSetting(SETTING_KEYS.planDeskBreak, false),
    getSetting(SETTING_KEYS.planWorkDays, DEFAULT_WORK_DAYS),
  ]);
  return { pickedRoutineId, deskBreak, workDays };
}

export function setDeskBreakWanted(wanted) {
  return setSetting(SETTING_KEYS.planDeskBreak, wanted);
}

export function setWorkDays(days) {
  return setSetting(SETTING_KEYS.planWorkDays, [...days].sort((a, b) => a - b));
}

/** Everything `dailyPlan` needs from the device, but the routine list. */
export async function planInputs(now = new Date()) {
  const [rules, checkIn, earlierCheckIns, choices, sessions] = await Promise.all([
    readPlanRules(),
    getTodaysCheckIn(now),
    getEarlierCheckIns(now),
    getPlanChoices(),
    listSessionRecords(),
  ]);
  return { rules, input: { today: localDay(now), checkIn, earlierCheckIns, choices, sessions } };
}
