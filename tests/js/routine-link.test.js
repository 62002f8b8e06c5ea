import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";

import { toBase64Url } from "../../static/js/lib/base64url.js";
import {
  crc32,
  decodeRoutineLink,
  encodeRoutine,
  LINK_FAULTS,
  routineLink,
} from "../../static/js/own-routines/routine-link.js";

const ROUTINES = new URL("../../routines/routines/", import.meta.url);
const SHIPPED = readdirSync(ROUTINES)
  .filter((name) => name.endsWith(".json"))
  .map((name) => {
    // As the API serves it: no editor hint, and no provenance (the seed articles stay internal).
    const { $schema, provenance, ...routine } = JSON.parse(readFileSync(new URL(name, ROUTINES), "utf8"));
    return [name.replace(/\.json$/, ""), routine];
  });

/** A payload made by hand: a version, a CRC, a length and deflated bytes, each overridable. */
async function handMade({ version = 1, json = "[]", crc, length, tail = 0 } = {}) {
  const plain = new TextEncoder().encode(json);
  const deflated = new Uint8Array(
    await new Response(new Blob([plain]).stream().pipeThrough(new CompressionStream("deflate-raw"))).arrayBuffer(),
  );
  const bytes = new Uint8Array(7 + deflated.length + tail);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, version);
  view.setUint32(1, crc ?? crc32(plain));
  view.setUint16(5, length ?? deflated.length);
  bytes.set(deflated, 7);
  return toBase64Url(bytes);
}

async function faultOf(text) {
  const result = await decodeRoutineLink(text);
  assert.equal(result.ok, false, `expected a fault for ${String(text).slice(0, 40)}`);
  assert.equal(result.message, LINK_FAULTS[result.fault]);
  return result.fault;
}

test("the five shipped routines are all here", () => {
  assert.deepEqual(SHIPPED.map(([id]) => id).sort(), [
    "acute-relief",
    "back-basics",
    "daily-strength",
    "desk-break",
    "morning-mobility",
  ]);
});

for (const [id, routine] of SHIPPED) {
  test(`${id} comes back from its link exactly as it went in`, async (t) => {
    const link = await routineLink(routine, "https://unknot.example");
    assert.match(link, /^https:\/\/unknot\.example\/shared#r=[A-Za-z0-9_-]+$/);
    t.diagnostic(`${id}: link ${link.length} characters, routine JSON ${JSON.stringify(routine).length}`);
    // Short enough for a QR code a phone reads from a screen, and far shorter than the file.
    assert.ok(link.length < 1200, `${id}: ${link.length} characters`);
    assert.ok(link.length < JSON.stringify(routine).length * 0.6);
    assert.deepEqual(await decodeRoutineLink(link), { ok: true, routine });
  });
}

test("a routine with a warm-up and a variant keeps both", async () => {
  const [, desk] = SHIPPED.find(([id]) => id === "desk-break");
  const routine = { ...desk, warm_up: { instruction: "Walk about for a minute.", seconds: 60 } };
  routine.items = routine.items.map((item, index) => (index === 0 ? { ...item, variant: "seated" } : item));
  assert.deepEqual((await decodeRoutineLink(await encodeRoutine(routine))).routine, routine);
});

test("the fragment alone, or the bare payload, opens as the whole link does", async () => {
  const [, routine] = SHIPPED[0];
  const payload = await encodeRoutine(routine);
  assert.deepEqual((await decodeRoutineLink(`#r=${payload}`)).routine, routine);
  assert.deepEqual((await decodeRoutineLink(payload)).routine, routine);
});

test("a link cut short anywhere says it is cut short", async () => {
  const [, routine] = SHIPPED[1];
  const link = await routineLink(routine, "https://unknot.example");
  const start = link.indexOf("#r=") + 3;
  const cuts = new Set();
  for (let end = start + 1; end < link.length; end += 7) cuts.add(await faultOf(link.slice(0, end)));
  cuts.add(await faultOf(link.slice(0, -1)));
  assert.deepEqual([...cuts], ["truncated"]);
});

test("a link changed on the way is never read: past its header, it fails its check", async () => {
  const [, routine] = SHIPPED[2];
  const payload = await encodeRoutine(routine);
  const seen = new Set();
  // Characters 0-1 carry the version and 6-9 the length: a change there reads as another version or a cut.
  for (let index = 0; index < payload.length; index += 1) {
    const swapped = payload[index] === "A" ? "B" : "A";
    const kind = await faultOf(payload.slice(0, index) + swapped + payload.slice(index + 1));
    if (index >= 2 && index <= 5) assert.equal(kind, "checksum-mismatch", `character ${index}`);
    if (index >= 10) seen.add(kind);
  }
  assert.deepEqual([...seen], ["checksum-mismatch"]);
});

test("a link from a newer version asks for an update", async () => {
  assert.equal(await faultOf(await handMade({ version: 2 })), "newer-version");
  assert.equal(await faultOf(`https://unknot.example/shared#r=${await handMade({ version: 9 })}`), "newer-version");
});

test("anything else is not a routine link", async () => {
  for (const text of [
    "",
    "https://unknot.example/shared",
    "https://unknot.example/shared#q=abc",
    "#r=",
    "#r=not base64!",
    "#r=%F0%9F%92%A5",
    null,
    42,
  ]) {
    assert.equal(await faultOf(text), "not-a-link", String(text));
  }
  assert.equal(await faultOf(await handMade({ version: 0 })), "not-a-link");
  assert.equal(await faultOf(await handMade({ tail: 3 })), "not-a-link");
  assert.equal(await faultOf(`#r=${"A".repeat(20000)}`), "not-a-link");
});

test("a well-made link that holds no routine says so", async () => {
  const notRoutines = [
    "{}",
    "[]",
    "not json",
    '["Title","s","r","f",["w"],["n"],[],["NHS"]]',
    '["Title","s","r","f",["w"],["n"],[["bridge",1,2,3]],["NHS"]]',
    '["Title","s","r","f",["w"],["n"],[["bridge",1,2,0,4,"yes",0,0,0,5,0]],["NHS"]]',
    '["Title","s","r","f",["w"],["n"],[["bridge",1,-2,0,4,0,0,0,0,5,0]],["NHS"]]',
    '["Title","s","r","f","w",["n"],[["bridge",1,2,0,4,0,0,0,0,5,0]],["NHS"]]',
    '["Title","s","r","f",["w"],["n"],[["bridge",1,2,0,4,0,0,0,0,5,0]],["NHS"],"walk"]',
    '["Title","s","r","f",["w"],["n"],[["bridge",1,2,0,4,0,0,0,0,5,0]],["NHS"],null,"extra"]',
  ];
  for (const json of notRoutines) assert.equal(await faultOf(await handMade({ json })), "not-a-routine", json);
});

test("a link that inflates far beyond any routine is refused, not unpacked", async () => {
  const huge = `[${"0,".repeat(200000)}0]`;
  assert.equal(await faultOf(await handMade({ json: huge })), "not-a-routine");
});
