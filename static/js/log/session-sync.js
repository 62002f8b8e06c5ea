/**
 * The log's sessions as a kind of record that syncs (`synced-kind.js` holds the protocol): what
 * differs is only said here.
 */
import { LOG_PULLED } from "../lib/events.js";
import { keepPulled, listSessions } from "./log-store.js";
import { toPayload } from "../sync/sync-plan.js";

const PULL_PAGE = 100;

export const SESSIONS = {
  name: "session",
  path: "/sync",
  bodyKey: "sessions",
  // At most 25 (the server takes 50) and 512 KiB (its body limit is 1 MiB) a batch: room to spare.
  batchSize: 25,
  batchBytes: 512 * 1024,
  // Each with its sets: a payload carries them.
  list: listSessions,
  // A session in progress goes once it ends; sessions go oldest first.
  ready: (session) => session.status !== "in-progress",
  order: (a, b) => a.startedAt.localeCompare(b.startedAt),
  toPayload: (session) => toPayload(session, session.sets),
  // The account's history comes newest first, a page at a time.
  pullPath: (before) => `/sessions?limit=${PULL_PAGE}${before ? `&before=${encodeURIComponent(before)}` : ""}`,
  keepPulled,
  pulledEvent: LOG_PULLED,
};
