import assert from "node:assert/strict";
import { test } from "node:test";

import { agoInWords, pendingSessions, refusedSessions, retryDelay, shouldKeepPulled, toBatches, toPayload } from "../../static/js/sync-plan.js";

const session = (id, fields = {}) => ({ id, routineId: "back-basics", routineTitle: "Back basics", startedAt: `2026-11-0${id.length}T08:00:00.000Z`, status: "completed", updatedAt: "2026-11-01T08:10:00.000Z", ...fields });

test("finished sessions the server has not confirmed in their current edit are pending", () => {
  const sessions = [session("a"), session("bb"), session("ccc", { status: "in-progress" }), session("dddd", { updatedAt: "2026-11-02T00:00:00.000Z" })];
  const records = [
    { sessionId: "a", syncedUpdatedAt: "2026-11-01T08:10:00.000Z" },
    { sessionId: "dddd", syncedUpdatedAt: "2026-11-01T08:10:00.000Z" },
  ];
  assert.deepEqual(pendingSessions(sessions, records).map((s) => s.id), ["bb", "dddd"]);
});

test("a refused edit waits until the session is edited again", () => {
  const sessions = [session("a")];
  const records = [{ sessionId: "a", rejectedUpdatedAt: "2026-11-01T08:10:00.000Z", message: "no routine" }];
  assert.deepEqual(pendingSessions(sessions, records), []);
  assert.equal(refusedSessions(sessions, records).length, 1);
  const edited = [session("a", { updatedAt: "2026-11-03T00:00:00.000Z" })];
  assert.deepEqual(pendingSessions(edited, records).map((s) => s.id), ["a"]);
  assert.equal(refusedSessions(edited, records).length, 0);
});

test("a payload has every field the server needs, old records filled in, sets in order without sessionId", () => {
  const payload = toPayload(session("a"), [
    { id: "s2", sessionId: "a", order: 1, exerciseId: "bridge", slot: "x" },
    { id: "s1", sessionId: "a", order: 0, exerciseId: "bridge" },
  ]);
  assert.equal(payload.note, "");
  assert.deepEqual(payload.exerciseStops, []);
  assert.equal(payload.painAfter, null);
  assert.deepEqual(payload.sets.map((record) => record.id), ["s1", "s2"]);
  assert.equal("sessionId" in payload.sets[0], false);
  assert.equal("slot" in payload.sets[1], false);
  assert.equal(payload.sets[0].variantId, null);
});

test("batches keep under both the count and the byte limits", () => {
  const payloads = Array.from({ length: 7 }, (_, index) => ({ id: String(index), pad: "x".repeat(100) }));
  assert.deepEqual(toBatches(payloads, 3, 10_000).map((batch) => batch.length), [3, 3, 1]);
  assert.deepEqual(toBatches(payloads, 25, 250).map((batch) => batch.length), [2, 2, 2, 1]);
  assert.deepEqual(toBatches([]), []);
});

test("retries back off from 5 s, doubling, to at most 15 min, with jitter", () => {
  const middle = () => 0.5;
  assert.deepEqual([1, 2, 3, 4].map((failures) => retryDelay(failures, middle)), [5000, 10000, 20000, 40000]);
  assert.equal(retryDelay(30, middle), 900000);
  assert.equal(retryDelay(1, () => 0), 3750);
  assert.equal(retryDelay(1, () => 1), 6250);
});

test("a pulled session is kept when new here, or a later edit of a finished one", () => {
  const pulled = session("a", { updatedAt: "2026-11-05T00:00:00.000Z" });
  assert.equal(shouldKeepPulled(pulled, undefined), true);
  assert.equal(shouldKeepPulled(pulled, session("a")), true);
  assert.equal(shouldKeepPulled(pulled, session("a", { updatedAt: "2026-11-06T00:00:00.000Z" })), false);
  assert.equal(shouldKeepPulled(pulled, session("a", { status: "in-progress" })), false);
});

test("how long ago reads at a glance", () => {
  const now = Date.parse("2026-11-21T12:00:00Z");
  assert.equal(agoInWords(now - 10_000, now), "just now");
  assert.equal(agoInWords(now - 120_000, now), "2 min ago");
  assert.equal(agoInWords(now - 3 * 3600_000, now), "3 h ago");
  assert.equal(agoInWords(now - 26 * 3600_000, now), "yesterday");
  assert.equal(agoInWords(now - 5 * 86400_000, now), "5 days ago");
});
