/**
 * The weekly function checks as a kind of record that syncs (`synced-kind.js` holds the
 * protocol): what differs is only said here.
 */
import { LOG_PULLED } from "../lib/events.js";
import { toCheckPayload } from "./function-check-plan.js";
import { keepPulledChecks, listFunctionChecks } from "./function-check-store.js";

export const WEEKLY_CHECKS = {
  name: "weeklyCheck",
  path: "/function-checks",
  bodyKey: "checks",
  // Within the server's 50 a batch and its 64 KiB body limit (a check is under 400 bytes).
  batchSize: 25,
  batchBytes: 32 * 1024,
  list: listFunctionChecks,
  order: (a, b) => a.takenAt.localeCompare(b.takenAt),
  toPayload: toCheckPayload,
  // The account's whole list, at once.
  pullPath: () => "/function-checks",
  keepPulled: keepPulledChecks,
  pulledEvent: LOG_PULLED,
};
