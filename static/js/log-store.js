/**
 * The person's log on the device: sessions, their sets, and the routine in progress.
 * Every function resolves only once IndexedDB has committed, so the UI may then say "saved".
 */
import { announce, LOG_CHANGED } from "./events.js";
import { commit, deleteRecord, getAllRecords, getRecord, putRecord } from "./idb.js";

const ACTIVE_KEY = "active";

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
  return commit([...setRecords.map((record) => ["put", "sets", record]), ["put", "player", { key: ACTIVE_KEY, ...active }]]);
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
