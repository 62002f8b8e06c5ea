/**
 * The pure decisions of sync: what to send, in which batches, how long to wait after a failure,
 * and which pulled sessions to keep. No IndexedDB and no network here, so Node can test it.
 */
import { pickFields, SESSION_FIELDS, SET_FIELDS } from "./player/session-recorder.js";

export const MAX_BATCH_SESSIONS = 25;
// Under the server's 1 MiB body limit, with room to spare.
export const MAX_BATCH_BYTES = 512 * 1024;
const FIRST_RETRY_MS = 5_000;
const LONGEST_RETRY_MS = 15 * 60_000;

/** Sessions the server has not confirmed in their current edit: finished ones only, oldest first. */
export function pendingSessions(sessions, syncRecords) {
  const confirmed = new Map(syncRecords.map((record) => [record.sessionId, record]));
  return sessions
    .filter((session) => session.status !== "in-progress")
    .filter((session) => {
      const record = confirmed.get(session.id);
      return !record || (record.syncedUpdatedAt !== session.updatedAt && record.rejectedUpdatedAt !== session.updatedAt);
    })
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}

/** Sessions the server refused in their current edit (a routine since removed, say). */
export function refusedSessions(sessions, syncRecords) {
  const byId = new Map(sessions.map((session) => [session.id, session]));
  return syncRecords.filter((record) => record.rejectedUpdatedAt && byId.get(record.sessionId)?.updatedAt === record.rejectedUpdatedAt);
}

/**
 * A session and its sets in the shape `POST /api/v1/sync` takes: exactly the recorder's fields
 * (local keys such as a set's `sessionId` stay here), older records filled in, sets in order.
 */
export function toPayload(session, sets) {
  return {
    ...pickFields(session, SESSION_FIELDS),
    sets: [...sets].sort((a, b) => a.order - b.order).map((record) => pickFields(record, SET_FIELDS)),
  };
}

/** The body of `POST /api/v1/sync` for one batch of payloads. */
export function toSyncBody(batch) {
  return { sessions: batch };
}

/** Split payloads into batches under both the session count and the byte limits. */
export function toBatches(payloads, maxSessions = MAX_BATCH_SESSIONS, maxBytes = MAX_BATCH_BYTES) {
  const batches = [];
  let batch = [];
  let bytes = 0;
  for (const payload of payloads) {
    const size = JSON.stringify(payload).length + 1;
    if (batch.length && (batch.length >= maxSessions || bytes + size > maxBytes)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(payload);
    bytes += size;
  }
  if (batch.length) batches.push(batch);
  return batches;
}

/** How long to wait after `failures` failures in a row: doubling from 5 s to 15 min, with jitter. */
export function retryDelay(failures, random = Math.random) {
  const base = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1));
  // Up to a quarter either way, so many phones coming back online do not knock in step.
  return Math.round(base * (0.75 + random() * 0.5));
}

/** Whether a session pulled from the server should replace what this device has. */
export function shouldKeepPulled(pulled, local) {
  return !local || (local.status !== "in-progress" && pulled.updatedAt > local.updatedAt);
}

/** "Last synced 2 min ago": how long ago, in words a person reads at a glance. */
export function agoInWords(thenMs, nowMs) {
  const seconds = Math.max(0, Math.round((nowMs - thenMs) / 1000));
  if (seconds < 45) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  return days === 1 ? "yesterday" : `${days} days ago`;
}
