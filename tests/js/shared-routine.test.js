/**
 * A routine from a link or a file is checked before anything is kept: the routine schema (the
 * catalog's own schema files, through `schema-check.js`), then the exercises and versions this
 * device has; a file's size and JSON come first. The file it is shared as is a catalog routine file.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";

import { createChecker } from "../../static/js/lib/schema-check.js";
import { decodeRoutineLink, routineLink } from "../../static/js/own-routines/routine-link.js";
import {
  checkSharedRoutine,
  FILE_FAULTS,
  MAX_FILE_BYTES,
  parseRoutineFile,
  routineFileName,
  routineFileText,
  sameOwnRoutine,
} from "../../static/js/own-routines/shared-routine.js";

const CATALOG = new URL("../../routines/", import.meta.url);
const read = (path) => JSON.parse(readFileSync(new URL(path, CATALOG), "utf8"));
const checker = createChecker({
  "routine.schema.json": read("schema/routine.schema.json"),
  "exercise.schema.json": read("schema/exercise.schema.json"),
});
const routineFaults = (routine) => checker.check("routine.schema.json", routine);
// The exercise list as the API serves it: each with its id (its file's name).
const EXERCISES = readdirSync(new URL("exercises/", CATALOG))
  .filter((name) => name.endsWith(".json"))
  .map((name) => ({ id: name.replace(/\.json$/, ""), ...read(`exercises/${name}`) }));
const BACK_BASICS = read("routines/back-basics.json");

const check = (candidate) => checkSharedRoutine(candidate, EXERCISES, routineFaults);

test("a shipped routine file passes, its $schema left out of what is kept", () => {
  const result = check(BACK_BASICS);
  assert.equal(result.ok, true);
  assert.equal("$schema" in result.routine, false);
  assert.equal(result.routine.items.length, BACK_BASICS.items.length);
});

test("a routine outside the schema is refused, naming the field in words", () => {
  const broken = structuredClone(BACK_BASICS);
  broken.items[1].sets = 0;
  const result = check(broken);
  assert.equal(result.ok, false);
  assert.match(result.message, /exercise 2, sets must be at least 1/);
  assert.match(result.message, /Nothing was added\.$/);

  const noName = structuredClone(BACK_BASICS);
  delete noName.title;
  assert.match(check(noName).message, /format: Name is required\./);
});

test("an exercise or a version the device does not have is refused by name", () => {
  const unknown = structuredClone(BACK_BASICS);
  unknown.items[0].exercise = "moon-walk";
  assert.match(check(unknown).message, /Exercise 1 of this routine, "moon-walk", is not one this app knows/);
  const version = structuredClone(BACK_BASICS);
  version.items[0].variant = "upside-down";
  assert.match(check(version).message, /a version of .+, "upside-down", that this app does not have/);
});

test("what the server would refuse is refused here too: sides, unknown sources; a last rest is dropped", () => {
  const oneSided = BACK_BASICS.items.findIndex((item) => !item.per_side);
  const sides = structuredClone(BACK_BASICS);
  Object.assign(sides.items[oneSided], { per_side: true, switch_sides_seconds: 5 });
  assert.match(
    check(sides).message,
    new RegExp(`Exercise ${oneSided + 1} of this routine, .+, is done once, but the routine does it on each side`),
  );

  const cited = structuredClone(BACK_BASICS);
  cited.sources = [...cited.sources, "ZZZ-UNKNOWN"];
  assert.match(check(cited).message, /cites a source this app does not know, "ZZZ-UNKNOWN"/);
  // A source a catalog routine cites (Acute relief cites NICE) is one the app knows.
  cited.sources = [...BACK_BASICS.sources, "NICE"];
  assert.equal(check(cited).ok, false);
  assert.equal(checkSharedRoutine(cited, EXERCISES, routineFaults, ["NICE"]).ok, true);

  const rested = structuredClone(BACK_BASICS);
  rested.items.at(-1).rest_after_seconds = 30;
  const kept = check(rested);
  assert.equal(kept.ok, true);
  assert.equal(kept.routine.items.at(-1).rest_after_seconds, 0);
});

test("a routine shared before the seed articles left the sources is kept without them", () => {
  const older = structuredClone(BACK_BASICS);
  older.sources = [...BACK_BASICS.sources, "S3", "MCG"];
  const kept = check(older);
  assert.equal(kept.ok, true);
  assert.deepEqual(kept.routine.sources, BACK_BASICS.sources);
  // Citing only what was withdrawn, it cites what backs its exercises instead.
  older.sources = ["S2", "S3"];
  const cited = check(older).routine.sources;
  assert.ok(cited.includes("MAYO"));
  assert.equal(
    cited.some((source) => ["S2", "S3"].includes(source)),
    false,
  );
});

test("JSON that is not an object is not a routine", () => {
  for (const value of [null, [], "routine", 3]) assert.equal(check(value).message, FILE_FAULTS["not-a-routine"]);
});

test("a file too large or not JSON says so", () => {
  assert.deepEqual(parseRoutineFile("{}", MAX_FILE_BYTES + 1), { ok: false, message: FILE_FAULTS["too-large"] });
  assert.deepEqual(parseRoutineFile("title: Back basics", 18), { ok: false, message: FILE_FAULTS["not-json"] });
  assert.deepEqual(parseRoutineFile('{"a": 1}', 8), { ok: true, candidate: { a: 1 } });
});

test("the shared file is a catalog routine file that reads back as the same routine", () => {
  const { $schema, ...routine } = BACK_BASICS;
  const text = routineFileText(routine);
  assert.deepEqual(JSON.parse(text), BACK_BASICS);
  assert.equal(check(JSON.parse(text)).ok, true);
  assert.equal(routineFileName({ title: "Gentle basics (my copy)" }), "gentle-basics-my-copy.json");
  assert.equal(routineFileName({ title: "Ünknot ✓" }), "unknot.json");
  assert.equal(routineFileName({ title: "✓✓" }), "routine.json");
});

test("a routine back from its own link or file is the same as the kept one; any change of word or dose is another", async () => {
  // Desk break: with a warm-up, and exercises with and without a version named.
  const kept = check(read("routines/desk-break.json")).routine;
  const own = [
    { id: "other", routine: { ...kept, title: "Desk break (my copy)" } },
    { id: "mine", routine: kept },
  ];
  const fromLink = (await decodeRoutineLink(await routineLink(kept, "https://unknot.example"))).routine;
  assert.equal(sameOwnRoutine(check(fromLink).routine, own)?.id, "mine");
  // A field left empty (null) is the same as one left out, as a link leaves it.
  const withEmptyVariant = { ...kept, items: kept.items.map((item) => ({ variant: null, ...item })) };
  assert.equal(sameOwnRoutine(withEmptyVariant, own)?.id, "mine");
  const fromFile = JSON.parse(routineFileText(kept));
  assert.equal(sameOwnRoutine(check(fromFile).routine, own)?.id, "mine");
  // The same fields in another order, as a clinician might write them by hand.
  const reordered = Object.fromEntries(Object.entries(fromFile).reverse());
  assert.equal(sameOwnRoutine(check(reordered).routine, own)?.id, "mine");

  const moreReps = structuredClone(kept);
  moreReps.items[0].reps += 1;
  assert.equal(sameOwnRoutine(moreReps, own), undefined);
  const otherOrder = { ...kept, items: [...kept.items].reverse() };
  assert.equal(sameOwnRoutine(otherOrder, own), undefined);
  const reworded = { ...kept, when_not_to_use: [...kept.when_not_to_use, "Another warning."] };
  assert.equal(sameOwnRoutine(reworded, own), undefined);
  assert.equal(sameOwnRoutine(kept, []), undefined);
});
