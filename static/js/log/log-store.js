/**
 * The person's log on the device: sessions, their sets, and the routine in progress. The only
 * module that reads or writes the "sessions", "sets" and "player" stores: the player's recorder,
 * History and sync all come here. Every write resolves only once IndexedDB has committed, so the
 * UI may then say "saved".
 */
import { announce, LOG_CHANGED } from "../lib/events.js";
import { clearStores, commit, deleteRecord, getAllRecords, getRecord, putRecord, updateRecords } from "../lib/idb.js";
import { shouldKeepPulled } from "../sync/sync-plan.js";

const ACTIVE_KEY = "active";
const LOG_STORES = ["sessions", "sets", "player"];

/** Tell the sync queue the log changed; it sends what is new when it can. */
function changed(result) {
  announce(LOG_CHANGED);
  return result;
}

export function saveSession(session) {
  return putRecord("sessions", { ...session, updatedAt: new Date().toISOString() }).then(changed);
}

export function getSession(sessionId) {
  return getRecord("sessions", sessionId);
}

/** Save finished sets and the player's position together: neither is ever saved without the other. */
export function saveProgress(setRecords, active) {
  return commit([
    ...setRecords.map((record) => ["put", "sets", record]),
    ["put", "player", { key: ACTIVE_KEY, ...active }],
  ]);
}

/** End a session: its last sets, its final state and the end of "Resume", in one transaction. */
export function endSession(session, setRecords = []) {
  return commit([
    ...setRecords.map((record) => ["put", "sets", record]),
    ["put", "sessions", { ...session, updatedAt: new Date().toISOString() }],
    ["delete", "player", ACTIVE_KEY],
  ]).then(changed);
}

export async function getActive() {
  const record = await getRecord("player", ACTIVE_KEY);
  if (!record) return null;
  const { key, ...active } = record;
  return active;
}

export function clearActive() {
  return deleteRecord("player", ACTIVE_KEY);
}

/** Sessions, newest first, each with its sets in the order they were done. */
export async function listSessions() {
  const [sessions, sets] = await Promise.all([getAllRecords("sessions"), getAllRecords("sets")]);
  const bySession = new Map();
  for (const record of sets) {
    if (!bySession.has(record.sessionId)) bySession.set(record.sessionId, []);
    bySession.get(record.sessionId).push(record);
  }
  return sessions
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
    .map((session) => ({
      ...session,
      sets: (bySession.get(session.id) ?? []).sort((a, b) => a.order - b.order),
    }));
}

/** Every session, without its sets (what counting and sync's status need). */
export function listSessionRecords() {
  return getAllRecords("sessions");
}

/**
 * Keep the sessions pulled from the account that this device should have (new here, or a later
 * edit of a finished one), each with its sets, in one transaction: each session is read, compared
 * and written in it, so an edit saved here meanwhile is never written over. Resolves how many were
 * kept. `alongWith(pulled, here)` adds operations on `alongStores` for each pulled session, given
 * the copy the transaction leaves here (sync's confirmations).
 */
export function keepPulled(pulledSessions, { alongStores = [], alongWith = () => [] } = {}) {
  const byId = new Map(pulledSessions.map((pulled) => [pulled.id, pulled]));
  const kept = new Set();
  const change = (id, local) => {
    const { sets, ...session } = byId.get(id);
    if (!shouldKeepPulled(session, local)) return null;
    kept.add(id);
    return session;
  };
  const withSets = (id, here) => [
    ...(kept.has(id) ? byId.get(id).sets.map((record) => ["put", "sets", { ...record, sessionId: id }]) : []),
    ...alongWith(byId.get(id), here),
  ];
  return updateRecords("sessions", [...byId.keys()], change, {
    alongStores: ["sets", ...alongStores],
    alongWith: withSets,
  });
}

/** Delete the whole log, and `otherStores` with it in the same transaction: all, or nothing. */
export function clearLog(otherStores = []) {
  return clearStores([...LOG_STORES, ...otherStores]);
}
