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

/** Today's check-in answer id (the latest), or null when the person has not answered today. */
export async function getTodaysCheckIn(now = new Date()) {
  const record = await getSetting(SETTING_KEYS.checkIn, null);
  return record?.day === localDay(now) ? record.answer : null;
}

/** A day's worst answer: the one kept for one step at a time, or the only one a record has. */
function worstOf(record) {
  return record.worst ?? record.answer;
}

/**
 * Keep today's answer (replacing an earlier one of the same day) and today's worst answer, the
 * one of the lowest level among `answers` (the plan's check_in.answers), so that a "bad" changed
 * to "sore" still counts as a bad day; and each earlier day's worst answer under `earlier`,
 * newest first. Resolves once written.
 */
export async function saveCheckIn(answer, answers, now = new Date()) {
  const day = localDay(now);
  const record = await getSetting(SETTING_KEYS.checkIn, null);
  const sameDay = record?.day === day;
  const earlier =
    record && !sameDay
      ? [{ day: record.day, answer: worstOf(record) }, ...(record.earlier ?? [])]
      : (record?.earlier ?? []);
  const level = (id) => answers.find((candidate) => candidate.id === id)?.level ?? Infinity;
  const worst = sameDay && level(worstOf(record)) < level(answer) ? worstOf(record) : answer;
  return setSetting(SETTING_KEYS.checkIn, {
    day,
    answer,
    worst,
    answeredAt: now.toISOString(),
    earlier: earlier.slice(0, EARLIER_KEPT),
  });
}

/** Today's worst answer, or null before the check-in. */
async function getTodaysWorst(now = new Date()) {
  const record = await getSetting(SETTING_KEYS.checkIn, null);
  return record?.day === localDay(now) ? worstOf(record) : null;
}

/** Earlier days' worst answers, `{ day, answer }`: the last day kept and those it remembers. */
async function getEarlierCheckIns(now = new Date()) {
  const record = await getSetting(SETTING_KEYS.checkIn, null);
  if (!record) return [];
  return record.day === localDay(now)
    ? (record.earlier ?? [])
    : [{ day: record.day, answer: worstOf(record) }, ...(record.earlier ?? [])];
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
  return setSetting(
    SETTING_KEYS.planWorkDays,
    [...days].sort((a, b) => a - b),
  );
}

/** Everything `dailyPlan` needs from the device, but the routine list. */
export async function planInputs(now = new Date()) {
  const [rules, checkIn, worstCheckIn, earlierCheckIns, choices, sessions] = await Promise.all([
    readPlanRules(),
    getTodaysCheckIn(now),
    getTodaysWorst(now),
    getEarlierCheckIns(now),
    getPlanChoices(),
    listSessionRecords(),
  ]);
  return { rules, input: { today: localDay(now), checkIn, worstCheckIn, earlierCheckIns, choices, sessions } };
}
