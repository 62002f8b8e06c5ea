/**
 * A routine carried in a link's fragment (`/shared#r=…`), so the server never sees it and the
 * installed app opens it offline. Pure: no DOM, no storage; works in the browser and in Node.
 *
 * The payload, base64url: one version byte, a CRC-32 of the routine's packed JSON (4 bytes),
 * the length of what follows (2 bytes), then that JSON compressed with raw deflate. The JSON is
 * positional (an array per routine and per item, in the order of `ROUTINE_FIELDS` and
 * `ITEM_FIELDS`), which keeps links short. The check catches a link cut short or changed on the
 * way; it is no signature: whoever makes a link can say anything in it, so what a link holds
 * is checked against the routine schema before it is ever kept.
 */

import { fromBase64Url, toBase64Url } from "../lib/base64url.js";

export const LINK_VERSION = 1;
export const LINK_PATH = "/shared";
const PARAMETER = "r";
const HEADER_BYTES = 7;
// Far above any routine the schema allows, far below anything that could hurt a phone.
const MAX_FRAGMENT_CHARS = 16000;
const MAX_JSON_BYTES = 65536;

const ROUTINE_FIELDS = [
  "title",
  "summary",
  "rationale",
  "frequency",
  "when_to_use",
  "when_not_to_use",
  "items",
  "sources",
  "warm_up",
];
const ITEM_FIELDS = [
  "exercise",
  "sets",
  "reps",
  "hold_seconds",
  "rep_seconds",
  "per_side",
  "rest_between_reps_seconds",
  "rest_between_sets_seconds",
  "rest_after_seconds",
  "get_ready_seconds",
  "switch_sides_seconds",
  "variant",
];
const OPTIONAL = new Set(["warm_up", "variant"]);

/** What each fault of a link tells the person, in plain words. */
export const LINK_FAULTS = {
  "not-a-link": "This is not a routine link from Unknot.",
  truncated: "This link is cut short: part of it is missing. Ask for the whole link again.",
  "newer-version": "This link was made by a newer version of Unknot. Update the app, then open the link again.",
  "checksum-mismatch": "This link was changed or damaged on the way, so it cannot be trusted. Ask for the link again.",
  "not-a-routine": "This link does not hold a routine that Unknot can read.",
  unsupported: "This browser cannot open routine links. Update it, or open the link in another browser.",
};

const CRC_TABLE = Array.from({ length: 256 }, (_, index) => {
  let value = index;
  for (let bit = 0; bit < 8; bit += 1) value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1;
  return value >>> 0;
});

/** CRC-32 (the one of zip and PNG) of a byte array. */
export function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

async function through(bytes, transform, limit = Infinity) {
  const reader = new Blob([bytes]).stream().pipeThrough(transform).getReader();
  const chunks = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > limit) {
      await reader.cancel();
      throw new RangeError("too large");
    }
    chunks.push(value);
  }
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return joined;
}

/** The routine as nested arrays; trailing optional fields left off. */
function pack(routine) {
  const row = (fields, record) => {
    const values = fields.map((field) => record[field] ?? null);
    while (values.length && values.at(-1) === null) values.pop();
    return values;
  };
  return row(ROUTINE_FIELDS, {
    ...routine,
    items: routine.items.map((item) => row(ITEM_FIELDS, { ...item, per_side: item.per_side ? 1 : 0 })),
  });
}

/** The routine from nested arrays, or null when they are not shaped as `pack` makes them. */
function unpack(packed) {
  const record = (fields, values, check) => {
    if (!Array.isArray(values) || values.length > fields.length) return null;
    const result = {};
    for (const [index, field] of fields.entries()) {
      const value = values[index] ?? null;
      if (value === null && OPTIONAL.has(field)) continue;
      if (!check(field, value)) return null;
      result[field] = value;
    }
    return result;
  };
  const isText = (value) => typeof value === "string";
  const isTexts = (value) => Array.isArray(value) && value.every(isText);
  const isCount = (value) => Number.isInteger(value) && value >= 0;
  const itemCheck = (field, value) =>
    field === "exercise" || field === "variant"
      ? isText(value)
      : field === "per_side"
        ? value === 0 || value === 1
        : isCount(value);
  const items = [];
  const routine = record(ROUTINE_FIELDS, packed, (field, value) => {
    if (field === "items") {
      if (!Array.isArray(value) || !value.length) return false;
      for (const values of value) {
        const item = record(ITEM_FIELDS, values, itemCheck);
        if (!item) return false;
        items.push({ ...item, per_side: item.per_side === 1 });
      }
      return true;
    }
    if (field === "warm_up")
      return (
        value !== null &&
        typeof value === "object" &&
        !Array.isArray(value) &&
        isText(value.instruction) &&
        isCount(value.seconds)
      );
    return field === "when_to_use" || field === "when_not_to_use" || field === "sources"
      ? isTexts(value)
      : isText(value);
  });
  if (!routine) return null;
  const ordered = {};
  for (const field of ROUTINE_FIELDS) if (field in routine) ordered[field] = field === "items" ? items : routine[field];
  return ordered;
}

/** Whether this runtime can make and open links (raw deflate through the Compression Streams API). */
export function canCarryRoutines() {
  return typeof CompressionStream === "function" && typeof DecompressionStream === "function";
}

/** The fragment's payload for a routine document (the routines schema; `$schema` is left out). */
export async function encodeRoutine(routine) {
  const json = new TextEncoder().encode(JSON.stringify(pack(routine)));
  const compressed = await through(json, new CompressionStream("deflate-raw"));
  if (compressed.length > 0xffff) throw new RangeError("This routine is too long for a link.");
  const bytes = new Uint8Array(HEADER_BYTES + compressed.length);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, LINK_VERSION);
  view.setUint32(1, crc32(json));
  view.setUint16(5, compressed.length);
  bytes.set(compressed, HEADER_BYTES);
  return toBase64Url(bytes);
}

/** The whole link for a routine: `${origin}/shared#r=…`. */
export async function routineLink(routine, origin) {
  return `${origin}${LINK_PATH}#${PARAMETER}=${await encodeRoutine(routine)}`;
}

function fault(kind) {
  return { ok: false, fault: kind, message: LINK_FAULTS[kind] };
}

/**
 * Read a routine from a link, its fragment ("#r=…") or the payload itself. Never throws:
 * `{ ok: true, routine }`, or `{ ok: false, fault, message }` with `fault` a key of `LINK_FAULTS`.
 */
export async function decodeRoutineLink(text) {
  if (typeof text !== "string") return fault("not-a-link");
  const hash = text.includes("#") ? text.slice(text.indexOf("#") + 1) : text;
  const payload = hash.includes("=") ? new URLSearchParams(hash).get(PARAMETER) : hash;
  if (!payload || payload.length > MAX_FRAGMENT_CHARS) return fault("not-a-link");
  // A link cut at any character is still base64url, and usually leaves a length that is not.
  const bytes = fromBase64Url(payload);
  if (bytes === null) return /^[A-Za-z0-9_-]+$/.test(payload) ? fault("truncated") : fault("not-a-link");
  if (bytes.length < HEADER_BYTES)
    return bytes.length && bytes[0] > LINK_VERSION ? fault("newer-version") : fault("truncated");
  const view = new DataView(bytes.buffer);
  const version = view.getUint8(0);
  if (version > LINK_VERSION) return fault("newer-version");
  if (version !== LINK_VERSION) return fault("not-a-link");
  const length = view.getUint16(5);
  if (bytes.length - HEADER_BYTES < length) return fault("truncated");
  if (bytes.length - HEADER_BYTES > length) return fault("not-a-link");
  if (!canCarryRoutines()) return fault("unsupported");
  let json;
  try {
    json = await through(bytes.subarray(HEADER_BYTES), new DecompressionStream("deflate-raw"), MAX_JSON_BYTES);
  } catch (error) {
    // Far more than any routine: made on purpose, so never unpacked. Otherwise bytes changed on
    // the way rarely still inflate; when they do not, the check is what failed.
    return fault(error instanceof RangeError ? "not-a-routine" : "checksum-mismatch");
  }
  if (crc32(json) !== view.getUint32(1)) return fault("checksum-mismatch");
  let packed;
  try {
    packed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(json));
  } catch {
    return fault("not-a-routine");
  }
  const routine = unpack(packed);
  return routine ? { ok: true, routine } : fault("not-a-routine");
}
