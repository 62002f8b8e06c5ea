/**
 * The pure decisions of sync: which records of a kind wait to be sent or were refused, in which
 * batches they go, which pulled edit wins, how long to wait after a failure. No IndexedDB and no
 * network here, so Node can test it.
 */
import { pickFields, SESSION_FIELDS, SET_FIELDS } from "../player/session-recorder.js";

const FIRST_RETRY_MS = 5_000;
const LONGEST_RETRY_MS = 15 * 60_000;

/**
 * What of a kind's `records` waits: `unsent`, those the account has not confirmed in their
 * current edit (only those `kind.ready` to go, in `kind.order`), and `refused`, those the server
 * refused in their current edit, each `{ record, confirmation }`; a refused edit waits for the next
 * edit, or until `kind.stillRefused(records, confirmations)` says it may be tried again.
 * `confirmations` maps a record's id to its confirmation.
 */
export function syncState(kind, records, confirmations) {
  const stillRefused = kind.stillRefused?.(records, confirmations) ?? (() => true);
  const unsent = [];
  const refused = [];
  for (const record of records) {
    const confirmation = confirmations.get(record.id);
    if (confirmation?.syncedUpdatedAt === record.updatedAt) continue;
    if (confirmation?.rejectedUpdatedAt === record.updatedAt && stillRefused(confirmation))
      refused.push({ record, confirmation });
    else if (kind.ready?.(record) ?? true) unsent.push(record);
  }
  if (kind.order) unsent.sort(kind.order);
  return { unsent, refused };
}

/** Whether an edit pulled from the account is later than this device's copy (or this device has none): the latest edit wins. */
export function newerEdit(pulled, local) {
  return !local || Date.parse(pulled.updatedAt) > Date.parse(local.updatedAt);
}

/** Whether this device's copy is the very edit the account holds. */
export function sameEdit(local, pulled) {
  return Boolean(local) && Date.parse(local.updatedAt) === Date.parse(pulled.updatedAt);
}

/** Whether a session pulled from the server should replace what this device has: never one still in progress here. */
export function shouldKeepPulled(pulled, local) {
  return newerEdit(pulled, local) && local?.status !== "in-progress";
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

/** Split payloads into batches of at most `maxCount` payloads and `maxBytes` of JSON (a larger payload goes alone). */
export function toBatches(payloads, maxCount, maxBytes) {
  const batches = [];
  let batch = [];
  let bytes = 0;
  for (const payload of payloads) {
    const size = JSON.stringify(payload).length + 1;
    if (batch.length && (batch.length >= maxCount || bytes + size > maxBytes)) {
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
