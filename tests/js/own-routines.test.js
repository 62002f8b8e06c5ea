/**
 * The pure parts of own routines: the builder's draft (copy, order, what is saved) and which
 * records sync sends.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { OWN_ROUTINES, refusedRoutines, toPayload } from "../../static/js/own-routines/own-routine-sync.js";
import { syncState } from "../../static/js/sync/sync-plan.js";
import { createChecker } from "../../static/js/lib/schema-check.js";
import {
  copyOf,
  faultPlace,
  finished,
  moveItem,
  newItem,
  newRoutine,
} from "../../static/js/views/own-routines/builder-draft.js";

const ROOT = new URL("../../", import.meta.url);
// Confirmations as the sync store keeps them: an own routine's, by its id.
const confirmation = (id, fields) => ({ kind: "ownRoutine", id, ...fields });
const state = (records, confirmations) =>
  syncState(OWN_ROUTINES, records, new Map(confirmations.map((entry) => [entry.id, entry])));
const unsentRoutines = (records, confirmations) => state(records, confirmations).unsent;
const refused = (records, confirmations) => refusedRoutines(state(records, confirmations).refused);
const schemas = Object.fromEntries(
  ["routine.schema.json", "exercise.schema.json"].map((name) => [
    name,
    JSON.parse(readFileSync(new URL(`routines/schema/${name}`, ROOT), "utf8")),
  ]),
);
const checker = createChecker(schemas);
const exercise = (id, twoSided = false) => ({
  id,
  name: id,
  two_sided: twoSided,
  variants: [],
  sources: [{ id: `SRC-${id}` }],
  default_dose: {
    sets: 1,
    reps: 8,
    hold_seconds: 0,
    rep_seconds: 4,
    rest_between_reps_seconds: 0,
    rest_between_sets_seconds: 0,
  },
});

test("a new routine of two exercises is saved valid: sources of its exercises, no rest after the last", () => {
  const draft = {
    ...newRoutine(),
    title: "Mine",
    items: [newItem(exercise("pelvic-tilt")), newItem(exercise("knee-to-chest", true))],
  };
  assert.deepEqual(
    checker.check("routine.schema.json", draft).map((fault) => fault.path),
    ["$.sources"],
  );
  const saved = finished(draft, [exercise("pelvic-tilt"), exercise("knee-to-chest", true)]);
  assert.deepEqual(checker.check("routine.schema.json", saved), []);
  assert.deepEqual(saved.sources, ["SRC-pelvic-tilt", "SRC-knee-to-chest"]);
  assert.equal(saved.items[1].rest_after_seconds, 0);
  assert.equal(draft.items[1].rest_after_seconds, 15, "the draft itself keeps what was typed");
  assert.deepEqual([saved.items[1].per_side, saved.items[1].switch_sides_seconds], [true, 5]);
});

test("a copy is the routine in the schema's shape under a new name", () => {
  const resolved = {
    id: "back-basics",
    title: "Back basics",
    summary: "Some words.",
    rationale: "Some reasons.",
    frequency: "Daily.",
    when_to_use: ["Now."],
    when_not_to_use: ["Not now."],
    warm_up: null,
    duration_seconds: 300,
    items: [
      {
        ...newItem(exercise("bridge")),
        exercise: { id: "bridge", name: "Bridge" },
        variant: { id: "easier" },
        duration_seconds: 40,
      },
    ],
    sources: [{ id: "NHS-LBP", title: "x" }],
  };
  const copy = copyOf(resolved);
  assert.equal(copy.title, "Back basics (my copy)");
  assert.deepEqual(copy.items[0].exercise, "bridge");
  assert.equal(copy.items[0].variant, "easier");
  assert.deepEqual(copy.sources, ["NHS-LBP"]);
  assert.equal("warm_up" in copy, false);
  assert.deepEqual(checker.check("routine.schema.json", copy), []);
});

test("moving up and down swaps neighbours and stops at the ends", () => {
  assert.deepEqual(moveItem(["a", "b", "c"], 1, -1), ["b", "a", "c"]);
  assert.deepEqual(moveItem(["a", "b", "c"], 1, 1), ["a", "c", "b"]);
  assert.deepEqual(moveItem(["a", "b", "c"], 0, -1), ["a", "b", "c"]);
  assert.deepEqual(moveItem(["a", "b", "c"], 2, 1), ["a", "b", "c"]);
});

test("a fault's place is said in words", () => {
  const labels = { sets: "Sets", title: "Name" };
  assert.equal(
    faultPlace("$.items[1].sets", labels, () => "Bridge"),
    "Exercise 2 (Bridge), Sets",
  );
  assert.equal(
    faultPlace("$.title", labels, () => ""),
    "Name",
  );
  assert.equal(
    faultPlace("$", labels, () => ""),
    "The routine",
  );
});

test("sync sends what was never confirmed or was edited since, and waits on a refused edit", () => {
  const records = [
    { id: "a", updatedAt: "T1", deleted: false, routine: { title: "A" } },
    { id: "b", updatedAt: "T2", deleted: false, routine: { title: "B" } },
    { id: "c", updatedAt: "T3", deleted: true, routine: null },
    { id: "d", updatedAt: "T4", deleted: false, routine: { title: "D" } },
  ];
  const confirmations = [
    confirmation("a", { syncedUpdatedAt: "T1" }),
    confirmation("b", { syncedUpdatedAt: "T0" }),
    confirmation("d", { rejectedUpdatedAt: "T4" }),
  ];
  assert.deepEqual(
    unsentRoutines(records, confirmations).map((record) => record.id),
    ["b", "c"],
  );
  assert.deepEqual(toPayload(records[2]), { id: "c", updatedAt: "T3", deleted: true, routine: null });
});

test("a routine refused for the account's limit is sent again once a deletion reaches the account, whatever the clocks say", () => {
  const mine = { id: "m", updatedAt: "2026-12-01T10:00:00.000Z", deleted: false, routine: { title: "Mine" } };
  const faulty = { id: "f", updatedAt: "2026-12-01T10:00:00.000Z", deleted: false, routine: { title: "Odd one" } };
  const kept = { id: "kept", updatedAt: "2026-11-01T10:00:00.000Z", deleted: true, routine: null };
  const refusals = [
    confirmation("m", {
      rejectedUpdatedAt: mine.updatedAt,
      field: "routines",
      deletionsOnAccount: 1,
      message: "routines: an account keeps at most 200 routines of its own; delete one to add another.",
    }),
    confirmation("f", {
      rejectedUpdatedAt: faulty.updatedAt,
      field: "routines[0].routine.items[0].exercise",
      deletionsOnAccount: 1,
      message: "routines[0].routine.items[0].exercise: there is no exercise 'x'.",
    }),
    confirmation("kept", { syncedUpdatedAt: kept.updatedAt }),
  ];
  assert.deepEqual(unsentRoutines([mine, faulty, kept], refusals), []);
  assert.deepEqual(refused([mine, faulty, kept], refusals), [
    {
      id: "m",
      title: "Mine",
      full: true,
      reason: "an account keeps at most 200 routines of its own; delete one to add another.",
    },
    { id: "f", title: "Odd one", full: false, reason: "there is no exercise 'x'." },
  ]);
  // A deletion not yet on the account makes no room: it is sent, the refused routine waits.
  // Its time is a day ahead (another device's clock, say): that changes nothing.
  const gone = { id: "gone", updatedAt: "2026-12-02T10:00:00.000Z", deleted: true, routine: null };
  const records = [mine, faulty, kept, gone];
  assert.deepEqual(
    unsentRoutines(records, refusals).map((record) => record.id),
    ["gone"],
  );
  // Once the account has it, the routine refused for the limit is sent again; the faulty one is not.
  const confirmed = [...refusals, confirmation("gone", { syncedUpdatedAt: gone.updatedAt })];
  assert.deepEqual(
    unsentRoutines(records, confirmed).map((record) => record.id),
    ["m"],
  );
  assert.deepEqual(
    refused(records, confirmed).map((record) => record.id),
    ["f"],
  );
  // Edited, a refused routine is sent again, and no longer counts as refused.
  const edited = { ...faulty, updatedAt: "2026-12-01T13:00:00.000Z" };
  assert.deepEqual(
    unsentRoutines([edited], refusals).map((record) => record.id),
    ["f"],
  );
  assert.deepEqual(refused([edited], refusals), []);
});

test("a refusal kept by an earlier version is tried again once if it was for the limit, never if it was for a fault", () => {
  const full = { id: "full", updatedAt: "2026-12-01T10:00:00.000Z", deleted: false, routine: { title: "Full" } };
  const odd = { id: "odd", updatedAt: "2026-12-01T10:00:00.000Z", deleted: false, routine: { title: "Odd" } };
  const older = [
    confirmation("full", {
      rejectedUpdatedAt: full.updatedAt,
      message: "routines: an account keeps at most 200 routines, deleted ones included.",
    }),
    confirmation("odd", {
      rejectedUpdatedAt: odd.updatedAt,
      message: "routine.items[0].exercise: there is no exercise 'x'.",
    }),
  ];
  assert.deepEqual(
    unsentRoutines([full, odd], older).map((record) => record.id),
    ["full"],
  );
  assert.deepEqual(
    refused([full, odd], older).map((record) => record.id),
    ["odd"],
  );
});
