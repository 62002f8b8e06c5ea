import assert from "node:assert/strict";
import { test } from "node:test";

import { WEEKLY_CHECKS } from "../../static/js/function-check/function-check-sync.js";
import { SESSIONS } from "../../static/js/log/session-sync.js";
import {
  agoInWords,
  newerEdit,
  retryDelay,
  sameEdit,
  shouldKeepPulled,
  syncState,
  toBatches,
  toPayload,
} from "../../static/js/sync/sync-plan.js";

const session = (id, fields = {}) => ({
  id,
  routineId: "back-basics",
  routineTitle: "Back basics",
  startedAt: `2026-11-0${id.length}T08:00:00.000Z`,
  status: "completed",
  updatedAt: "2026-11-01T08:10:00.000Z",
  ...fields,
});
const byId = (confirmations) => new Map(confirmations.map((confirmation) => [confirmation.id, confirmation]));

test("finished sessions the server has not confirmed in their current edit are unsent, oldest first", () => {
  const sessions = [
    session("dddd", { updatedAt: "2026-11-02T00:00:00.000Z" }),
    session("a"),
    session("bb"),
    session("ccc", { status: "in-progress" }),
  ];
  const confirmations = byId([
    { kind: "session", id: "a", syncedUpdatedAt: "2026-11-01T08:10:00.000Z" },
    { kind: "session", id: "dddd", syncedUpdatedAt: "2026-11-01T08:10:00.000Z" },
  ]);
  assert.deepEqual(
    syncState(SESSIONS, sessions, confirmations).unsent.map((s) => s.id),
    ["bb", "dddd"],
  );
});

test("a refused edit waits until the session is edited again", () => {
  const confirmations = byId([
    { kind: "session", id: "a", rejectedUpdatedAt: "2026-11-01T08:10:00.000Z", message: "no routine" },
  ]);
  const refusedNow = syncState(SESSIONS, [session("a")], confirmations);
  assert.deepEqual(refusedNow.unsent, []);
  assert.deepEqual(
    refusedNow.refused.map(({ confirmation }) => confirmation.message),
    ["no routine"],
  );
  const edited = syncState(SESSIONS, [session("a", { updatedAt: "2026-11-03T00:00:00.000Z" })], confirmations);
  assert.deepEqual(
    edited.unsent.map((s) => s.id),
    ["a"],
  );
  assert.deepEqual(edited.refused, []);
});

test("a weekly check waits until the server confirmed its current edit, oldest taken first; a refused edit waits for the next", () => {
  const check = (id, takenAt, updatedAt = takenAt) => ({
    id,
    takenAt,
    updatedAt,
    activities: [{ name: "Socks", score: 4 }],
  });
  const a = check("a", "2026-11-05T08:00:00.000Z");
  const b = check("b", "2026-11-04T08:00:00.000Z");
  const edited = check("c", "2026-11-03T08:00:00.000Z", "2026-11-06T08:00:00.000Z");
  const fresh = check("d", "2026-11-02T08:00:00.000Z");
  const confirmations = byId([
    { kind: "weeklyCheck", id: "a", syncedUpdatedAt: a.updatedAt },
    { kind: "weeklyCheck", id: "b", rejectedUpdatedAt: b.updatedAt, message: "no" },
    { kind: "weeklyCheck", id: "c", syncedUpdatedAt: edited.takenAt },
  ]);
  const state = syncState(WEEKLY_CHECKS, [a, b, edited, fresh], confirmations);
  assert.deepEqual(
    state.unsent.map((one) => one.id),
    ["d", "c"],
  );
  assert.deepEqual(
    state.refused.map(({ record }) => record.id),
    ["b"],
  );
});

test("a payload has every field the server needs, old records filled in, sets in order without sessionId", () => {
  const payload = toPayload(session("a"), [
    { id: "s2", sessionId: "a", order: 1, exerciseId: "bridge", slot: "x" },
    { id: "s1", sessionId: "a", order: 0, exerciseId: "bridge" },
  ]);
  assert.equal(payload.note, "");
  assert.deepEqual(payload.exerciseStops, []);
  assert.equal(payload.painAfter, null);
  assert.deepEqual(
    payload.sets.map((record) => record.id),
    ["s1", "s2"],
  );
  assert.equal("sessionId" in payload.sets[0], false);
  assert.equal("slot" in payload.sets[1], false);
  assert.equal(payload.sets[0].variantId, null);
});

test("batches keep under both the count and the byte limits", () => {
  const payloads = Array.from({ length: 7 }, (_, index) => ({ id: String(index), pad: "x".repeat(100) }));
  assert.deepEqual(
    toBatches(payloads, 3, 10_000).map((batch) => batch.length),
    [3, 3, 1],
  );
  assert.deepEqual(
    toBatches(payloads, 25, 250).map((batch) => batch.length),
    [2, 2, 2, 1],
  );
  assert.deepEqual(toBatches([], 25, 250), []);
});

test("retries back off from 5 s, doubling, to at most 15 min, with jitter", () => {
  const middle = () => 0.5;
  assert.deepEqual(
    [1, 2, 3, 4].map((failures) => retryDelay(failures, middle)),
    [5000, 10000, 20000, 40000],
  );
  assert.equal(retryDelay(30, middle), 900000);
  assert.equal(
    retryDelay(1, () => 0),
    3750,
  );
  assert.equal(
    retryDelay(1, () => 1),
    6250,
  );
});

test("a pulled edit wins only when it is later; the same edit, whatever its spelling, is the same", () => {
  const local = { updatedAt: "2026-11-05T00:00:00.000Z" };
  assert.equal(newerEdit(local, undefined), true);
  assert.equal(newerEdit({ updatedAt: "2026-11-05T00:00:00.001Z" }, local), true);
  assert.equal(newerEdit(local, local), false);
  assert.equal(newerEdit({ updatedAt: "2026-11-04T23:59:59.999Z" }, local), false);
  assert.equal(sameEdit(local, { updatedAt: "2026-11-05T00:00:00Z" }), true);
  assert.equal(sameEdit(undefined, local), false);
  assert.equal(sameEdit(local, { updatedAt: "2026-11-05T00:00:00.001Z" }), false);
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
