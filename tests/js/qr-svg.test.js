import assert from "node:assert/strict";
import { test } from "node:test";

import { dataCodewords, penalty, qrMatrix, qrPathData, qrSvg } from "../../static/js/own-routines/qr-svg.js";

// Decoding the pictures is `tests/test_qr_svg.py`'s job (Chromium and zbar); these check the
// symbol's fixed parts against the standard.

const at = (symbol, x, y) => symbol.dark[y * symbol.size + x];

/** The 15 format bits read from beside the top-left finder, unmasked: `{ level, mask }`. */
function readFormat(symbol) {
  const places = [
    [8, 0],
    [8, 1],
    [8, 2],
    [8, 3],
    [8, 4],
    [8, 5],
    [8, 7],
    [8, 8],
    [7, 8],
    [5, 8],
    [4, 8],
    [3, 8],
    [2, 8],
    [1, 8],
    [0, 8],
  ];
  const bits = places.reduce((value, [x, y], bit) => value | (at(symbol, x, y) << bit), 0) ^ 0x5412;
  const data = bits >>> 10;
  return { level: ["M", "L", "H", "Q"][data >>> 3], mask: data & 7 };
}

test("the capacities are the standard's (bytes at version 1 and 40, each level)", () => {
  assert.deepEqual(
    [0, 1, 2, 3].map((level) => dataCodewords(1, level) - 2),
    [17, 14, 11, 7],
  );
  assert.deepEqual(
    [0, 1, 2, 3].map((level) => dataCodewords(40, level) - 3),
    [2953, 2331, 1663, 1273],
  );
});

test("the smallest version that holds the text is chosen", () => {
  assert.equal(qrMatrix("a".repeat(14), { level: "M" }).version, 1);
  assert.equal(qrMatrix("a".repeat(15), { level: "M" }).version, 2);
  // UTF-8: "é" is two bytes.
  assert.equal(qrMatrix("é".repeat(7), { level: "M" }).version, 1);
  assert.equal(qrMatrix("é".repeat(8), { level: "M" }).version, 2);
  assert.equal(qrMatrix("a".repeat(2331), { level: "M" }).version, 40);
  assert.throws(() => qrMatrix("a".repeat(2332), { level: "M" }), RangeError);
  assert.throws(() => qrMatrix("a", { level: "X" }), RangeError);
});

test("the finders, timing lines and dark module sit where a reader looks for them", () => {
  for (const text of ["Unknot", "x".repeat(300)]) {
    const symbol = qrMatrix(text);
    const { size } = symbol;
    assert.equal(size, symbol.version * 4 + 17);
    for (const [left, top] of [
      [0, 0],
      [size - 7, 0],
      [0, size - 7],
    ]) {
      const rows = Array.from({ length: 7 }, (_, y) =>
        Array.from({ length: 7 }, (_, x) => at(symbol, left + x, top + y)).join(""),
      );
      assert.deepEqual(rows, ["1111111", "1000001", "1011101", "1011101", "1011101", "1000001", "1111111"]);
    }
    for (let index = 8; index < size - 8; index += 1) {
      assert.equal(at(symbol, index, 6), index % 2 === 0 ? 1 : 0);
      assert.equal(at(symbol, 6, index), index % 2 === 0 ? 1 : 0);
    }
    assert.equal(at(symbol, 8, size - 8), 1);
  }
});

test("the format bits name the level and the mask chosen, in both copies", () => {
  for (const level of ["L", "M", "Q", "H"]) {
    for (const mask of [0, 3, 7]) {
      const symbol = qrMatrix("https://unknot.example/", { level, mask });
      assert.deepEqual(readFormat(symbol), { level, mask });
      const { size } = symbol;
      const first = [0, 1, 2, 3, 4, 5, 7, 8].map((y) => at(symbol, 8, y));
      const second = [0, 1, 2, 3, 4, 5, 6, 7].map((bit) => at(symbol, size - 1 - bit, 8));
      assert.deepEqual(second.slice(0, 6), first.slice(0, 6));
    }
  }
});

test("the mask chosen is the one with the lowest penalty", () => {
  const chosen = qrMatrix("https://unknot.example/shared#r=abc");
  const scores = [0, 1, 2, 3, 4, 5, 6, 7].map((mask) => {
    const symbol = qrMatrix("https://unknot.example/shared#r=abc", { mask });
    return penalty(symbol.size, symbol.dark);
  });
  assert.equal(scores[chosen.mask], Math.min(...scores));
});

test("the SVG draws exactly the dark modules, inside a quiet zone, and escapes its label", () => {
  const symbol = qrMatrix("Unknot");
  const drawn = new Set();
  for (const [, x, y, run] of qrPathData(symbol).matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g)) {
    for (let step = 0; step < Number(run); step += 1) drawn.add(`${Number(x) + step - 4},${Number(y) - 4}`);
  }
  const dark = new Set();
  symbol.dark.forEach((value, index) => {
    if (value) dark.add(`${index % symbol.size},${Math.floor(index / symbol.size)}`);
  });
  assert.deepEqual(drawn, dark);
  assert.match(
    qrSvg("Unknot", { label: 'Link to "Gentle" <basics>' }),
    /aria-label="Link to &quot;Gentle&quot; &lt;basics&gt;"/,
  );
});
