/**
 * The device's routine check agrees with the server's: every shipped routine and a table of
 * broken ones go through `schema-check.js` (over the schema files, as `routine-schema.js` has
 * them bundled) here and through Python's `jsonschema` (the library
 * `pwa/catalog/__init__.py` validates with) over the same schema files, and get the same verdict. The
 * device's faults also name the field at fault.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { test } from "node:test";

import { roundedMinutes, routineSeconds } from "../../static/js/catalog/dosage.js";
import { expandRoutine, totalSeconds } from "../../static/js/player/routine-steps.js";
import { createChecker } from "../../static/js/lib/schema-check.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const PYTHON = process.env.UNKNOT_PYTHON ?? `${ROOT}.venv/bin/python`;
const VERDICTS = `
import json, sys
from pathlib import Path
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
folder = Path("routines/schema")
schemas = {name: json.loads((folder / name).read_text()) for name in ("routine.schema.json", "exercise.schema.json")}
registry = Registry().with_resources((name, Resource.from_contents(schema)) for name, schema in schemas.items())
validator = Draft202012Validator(schemas["routine.schema.json"], registry=registry)
print(json.dumps([validator.is_valid(document) for document in json.load(sys.stdin)]))
`;

const SCHEMAS = Object.fromEntries(
  ["routine.schema.json", "exercise.schema.json"].map((name) => [
    name,
    JSON.parse(readFileSync(`${ROOT}routines/schema/${name}`, "utf8")),
  ]),
);
const checker = createChecker(SCHEMAS);
const routineFaults = (document) => checker.check("routine.schema.json", document);

const shipped = readdirSync(`${ROOT}routines/routines`).map((file) => [
  file,
  JSON.parse(readFileSync(`${ROOT}routines/routines/${file}`, "utf8")),
]);
const base = shipped.find(([file]) => file === "back-basics.json")[1];

/** A copy of Back basics with `change` applied to it. */
function broken(change) {
  const document = structuredClone(base);
  change(document);
  return document;
}

/** [what is wrong, document, the path the device must name (null for a valid document)] */
const CASES = [
  ...shipped.map(([file, document]) => [file, document, null]),
  ["no title", broken((d) => delete d.title), "$.title"],
  ["a one-letter title", broken((d) => (d.title = "A")), "$.title"],
  ["a title with a trailing space", broken((d) => (d.title = "Mine ")), "$.title"],
  ["a title with a line break", broken((d) => (d.title = "Two\nlines")), "$.title"],
  ["a title of 81 characters", broken((d) => (d.title = "a".repeat(81))), "$.title"],
  ["a title of 80 characters", broken((d) => (d.title = "a".repeat(80))), null],
  ["a title of 40 emoji (80 UTF-16 units)", broken((d) => (d.title = "🙂".repeat(40))), null],
  ["a title that is a number", broken((d) => (d.title = 7)), "$.title"],
  ["an unknown field", broken((d) => (d.colour = "red")), "$.colour"],
  ["no items", broken((d) => (d.items = [])), "$.items"],
  ["21 items", broken((d) => (d.items = Array.from({ length: 21 }, () => structuredClone(base.items[1])))), "$.items"],
  ["zero sets", broken((d) => (d.items[0].sets = 0)), "$.items[0].sets"],
  ["eleven sets", broken((d) => (d.items[0].sets = 11)), "$.items[0].sets"],
  ["sets of 2.5", broken((d) => (d.items[0].sets = 2.5)), "$.items[0].sets"],
  ["sets of 2.0", broken((d) => (d.items[0].sets = 2.0)), null],
  ["sets as text", broken((d) => (d.items[0].sets = "2")), "$.items[0].sets"],
  ["sets true", broken((d) => (d.items[0].sets = true)), "$.items[0].sets"],
  ["31 reps", broken((d) => (d.items[1].reps = 31)), "$.items[1].reps"],
  ["held and moving at once", broken((d) => (d.items[0].rep_seconds = 3)), "$.items[0].rep_seconds"],
  ["neither held nor moving", broken((d) => (d.items[1].rep_seconds = 0)), "$.items[1].rep_seconds"],
  ["a 61 s hold", broken((d) => (d.items[0].hold_seconds = 61)), "$.items[0].hold_seconds"],
  ["a 181 s rest", broken((d) => (d.items[0].rest_after_seconds = 181)), "$.items[0].rest_after_seconds"],
  [
    "a negative rest",
    broken((d) => (d.items[0].rest_between_reps_seconds = -1)),
    "$.items[0].rest_between_reps_seconds",
  ],
  ["a 31 s get-ready", broken((d) => (d.items[0].get_ready_seconds = 31)), "$.items[0].get_ready_seconds"],
  ["a switch without sides", broken((d) => (d.items[0].switch_sides_seconds = 5)), "$.items[0].switch_sides_seconds"],
  ["sides without a switch", broken((d) => (d.items[3].switch_sides_seconds = 0)), "$.items[3].switch_sides_seconds"],
  ["per_side as text", broken((d) => (d.items[0].per_side = "no")), "$.items[0].per_side"],
  ["an item without its get-ready", broken((d) => delete d.items[2].get_ready_seconds), "$.items[2].get_ready_seconds"],
  ["an unknown field in an item", broken((d) => (d.items[0].tempo = 2)), "$.items[0].tempo"],
  ["a field named like an object's own method", broken((d) => (d.constructor = "x")), "$.constructor"],
  ["an item field named like an object's own method", broken((d) => (d.items[0].toString = 5)), "$.items[0].toString"],
  [
    "a __proto__ field, as JSON.parse makes it",
    JSON.parse(JSON.stringify(base).replace("{", '{"__proto__":1,')),
    "$.__proto__",
  ],
  ["an exercise id in capitals", broken((d) => (d.items[0].exercise = "Bridge")), "$.items[0].exercise"],
  ["a variant id with a space", broken((d) => (d.items[0].variant = "on chair")), "$.items[0].variant"],
  ["an item that is not an object", broken((d) => (d.items[0] = 3)), "$.items[0]"],
  ["a repeated when_to_use", broken((d) => (d.when_to_use = ["Same words.", "Same words."])), "$.when_to_use"],
  ["no sources", broken((d) => (d.sources = [])), "$.sources"],
  ["a source id with a space", broken((d) => (d.sources = ["NHS LBP"])), "$.sources[0]"],
  ["a warm-up of 5 s", broken((d) => (d.warm_up = { instruction: "Walk about.", seconds: 5 })), "$.warm_up.seconds"],
  ["a warm-up of 60 s", broken((d) => (d.warm_up = { instruction: "Walk about.", seconds: 60 })), null],
  ["a warm-up without words", broken((d) => (d.warm_up = { seconds: 60 })), "$.warm_up.instruction"],
  ["an array for a document", [], "$"],
  ["null for a document", null, "$"],
];

test("the device's verdict on every document is Python jsonschema's", () => {
  assert.ok(existsSync(PYTHON), `${PYTHON} is missing: run make test once (or set UNKNOT_PYTHON)`);
  const input = JSON.stringify(CASES.map(([, document]) => document));
  const python = JSON.parse(execFileSync(PYTHON, ["-c", VERDICTS], { cwd: ROOT, input, encoding: "utf8" }));
  const device = CASES.map(([, document]) => routineFaults(document).length === 0);
  for (const [index, [what]] of CASES.entries())
    assert.equal(
      device[index],
      python[index],
      `${what}: device says ${device[index] ? "valid" : "invalid"}, jsonschema the opposite`,
    );
});

test("each fault names its field", () => {
  for (const [what, document, path] of CASES) {
    const paths = routineFaults(document).map((fault) => fault.path);
    if (path === null) assert.deepEqual(paths, [], what);
    else assert.ok(paths.includes(path), `${what}: ${JSON.stringify(paths)} does not name ${path}`);
  }
});

test("a keyword outside the supported subset fails loudly, never passes silently", () => {
  const checker = createChecker({ "x.json": { type: "object", propertyNames: { maxLength: 3 } } });
  assert.throws(() => checker.check("x.json", {}), /propertyNames/);
});

test("the builder's length is the player's: the same seconds as its steps, for every shipped routine", () => {
  for (const [file, document] of shipped) {
    assert.equal(routineSeconds(document), totalSeconds(expandRoutine(document)), file);
  }
  assert.equal(roundedMinutes(29), 1);
  assert.equal(roundedMinutes(90), 2);
  assert.equal(roundedMinutes(89), 1);
});
