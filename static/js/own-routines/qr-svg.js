/**
 * A QR code (ISO/IEC 18004, model 2) for a string, drawn as SVG: byte mode (UTF-8), versions 1
 * to 40, error-correction level L, M, Q or H. Pure, with no network and nothing from a third
 * party, so a shared routine's code is drawn on the device, offline.
 *
 * The steps follow the standard: data bits, Reed-Solomon blocks over GF(256), interleaving,
 * the function patterns, the zigzag placement, the mask with the lowest penalty, then the
 * format and version bits.
 */

const LEVELS = { L: 0, M: 1, Q: 2, H: 3 };
// The two format bits of each level, which the standard does not number in L, M, Q, H order.
const FORMAT_BITS = [1, 0, 3, 2];
// By level, then version (index 0 unused): error-correction codewords per block, and blocks.
const ECC_PER_BLOCK = [
  [
    -1, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30,
    30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
  ],
  [
    -1, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28,
    28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
  ],
  [
    -1, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30,
    30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
  ],
  [
    -1, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30,
    30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
  ],
];
const BLOCKS = [
  [
    -1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19,
    19, 20, 21, 22, 24, 25,
  ],
  [
    -1, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31,
    33, 35, 37, 38, 40, 43, 45, 47, 49,
  ],
  [
    -1, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43,
    45, 48, 51, 53, 56, 59, 62, 65, 68,
  ],
  [
    -1, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48,
    51, 54, 57, 60, 63, 66, 70, 74, 77, 81,
  ],
];
const QUIET_ZONE = 4;

/** Modules that carry data (or the remainder bits) in a symbol of `version`. */
function rawDataModules(version) {
  let modules = (16 * version + 128) * version + 64;
  if (version >= 2) {
    const align = Math.floor(version / 7) + 2;
    modules -= (25 * align - 10) * align - 55;
    if (version >= 7) modules -= 36;
  }
  return modules;
}

/** Data codewords a symbol of `version` at `level` (0-3) holds. */
export function dataCodewords(version, level) {
  return Math.floor(rawDataModules(version) / 8) - ECC_PER_BLOCK[level][version] * BLOCKS[level][version];
}

// GF(256) with the polynomial x^8 + x^4 + x^3 + x^2 + 1, by logarithms.
const EXP = new Uint8Array(512);
const LOG = new Uint8Array(256);
for (let index = 0, value = 1; index < 255; index += 1) {
  EXP[index] = EXP[index + 255] = value;
  LOG[value] = index;
  value = (value << 1) ^ (value & 0x80 ? 0x11d : 0);
}
const multiply = (a, b) => (a && b ? EXP[LOG[a] + LOG[b]] : 0);

/** The generator polynomial of `degree`, highest term first and left off: (x - α^0)…(x - α^(degree-1)). */
function generator(degree) {
  let poly = [1];
  for (let root = 0; root < degree; root += 1) {
    const next = new Array(poly.length + 1).fill(0);
    poly.forEach((coefficient, index) => {
      next[index] ^= coefficient;
      next[index + 1] ^= multiply(coefficient, EXP[root]);
    });
    poly = next;
  }
  return poly.slice(1);
}

/** The Reed-Solomon error-correction codewords for one block of data. */
function remainder(data, degree) {
  const divisor = generator(degree);
  const rest = new Array(degree).fill(0);
  for (const byte of data) {
    const factor = byte ^ rest.shift();
    rest.push(0);
    divisor.forEach((coefficient, index) => {
      rest[index] ^= multiply(coefficient, factor);
    });
  }
  return rest;
}

/** The data bits: byte mode, the count, the bytes, the terminator, then padding to the capacity. */
function dataBytes(bytes, version, capacity) {
  const bits = [];
  const put = (value, length) => {
    for (let bit = length - 1; bit >= 0; bit -= 1) bits.push((value >>> bit) & 1);
  };
  put(0b0100, 4);
  put(bytes.length, version < 10 ? 8 : 16);
  for (const byte of bytes) put(byte, 8);
  put(0, Math.min(4, capacity * 8 - bits.length));
  put(0, (8 - (bits.length % 8)) % 8);
  const result = [];
  for (let index = 0; index < bits.length; index += 8)
    result.push(bits.slice(index, index + 8).reduce((byte, bit) => (byte << 1) | bit, 0));
  for (let pad = 0xec; result.length < capacity; pad ^= 0xec ^ 0x11) result.push(pad);
  return result;
}

/** Split into blocks, add each block's error correction, and interleave them. */
function codewords(data, version, level) {
  const blocks = BLOCKS[level][version];
  const degree = ECC_PER_BLOCK[level][version];
  const raw = Math.floor(rawDataModules(version) / 8);
  const shortBlocks = blocks - (raw % blocks);
  const shortData = Math.floor(raw / blocks) - degree;
  const split = [];
  for (let block = 0, start = 0; block < blocks; block += 1) {
    const length = shortData + (block < shortBlocks ? 0 : 1);
    split.push(data.slice(start, start + length));
    start += length;
  }
  const result = [];
  for (let index = 0; index <= shortData; index += 1)
    for (const block of split) if (index < block.length) result.push(block[index]);
  const corrections = split.map((block) => remainder(block, degree));
  for (let index = 0; index < degree; index += 1) for (const block of corrections) result.push(block[index]);
  return result;
}

/** Centres of the alignment patterns along one axis. */
function alignmentPositions(version) {
  if (version === 1) return [];
  const count = Math.floor(version / 7) + 2;
  const step = version === 32 ? 26 : Math.ceil((version * 4 + 4) / (count * 2 - 2)) * 2;
  const positions = [6];
  for (let position = version * 4 + 10; positions.length < count; position -= step) positions.splice(1, 0, position);
  return positions;
}

/** The symbol's grid with every function pattern drawn: `{ size, dark, reserved }`, row-major. */
function functionPatterns(version) {
  const size = version * 4 + 17;
  const dark = new Uint8Array(size * size);
  const reserved = new Uint8Array(size * size);
  const set = (x, y, on) => {
    if (x < 0 || y < 0 || x >= size || y >= size) return;
    dark[y * size + x] = on ? 1 : 0;
    reserved[y * size + x] = 1;
  };
  for (let index = 0; index < size; index += 1) {
    set(6, index, index % 2 === 0);
    set(index, 6, index % 2 === 0);
  }
  for (const [cx, cy] of [
    [3, 3],
    [size - 4, 3],
    [3, size - 4],
  ]) {
    for (let dy = -4; dy <= 4; dy += 1) {
      for (let dx = -4; dx <= 4; dx += 1) {
        const distance = Math.max(Math.abs(dx), Math.abs(dy));
        set(cx + dx, cy + dy, distance !== 2 && distance !== 4);
      }
    }
  }
  const positions = alignmentPositions(version);
  const last = positions.length - 1;
  positions.forEach((cx, i) => {
    positions.forEach((cy, j) => {
      if ((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0)) return;
      for (let dy = -2; dy <= 2; dy += 1)
        for (let dx = -2; dx <= 2; dx += 1) set(cx + dx, cy + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
    });
  });
  drawFormat(set, size, 0, 0);
  if (version >= 7) {
    let rest = version;
    for (let bit = 0; bit < 12; bit += 1) rest = (rest << 1) ^ ((rest >>> 11) * 0x1f25);
    const bits = (version << 12) | rest;
    for (let bit = 0; bit < 18; bit += 1) {
      const on = ((bits >>> bit) & 1) === 1;
      set(size - 11 + (bit % 3), Math.floor(bit / 3), on);
      set(Math.floor(bit / 3), size - 11 + (bit % 3), on);
    }
  }
  return { size, dark, reserved };
}

/** The 15 format bits (level and mask, BCH-coded, masked) in both of their places, and the dark module. */
function drawFormat(set, size, level, mask) {
  const data = (FORMAT_BITS[level] << 3) | mask;
  let rest = data;
  for (let bit = 0; bit < 10; bit += 1) rest = (rest << 1) ^ ((rest >>> 9) * 0x537);
  const bits = ((data << 10) | rest) ^ 0x5412;
  const on = (bit) => ((bits >>> bit) & 1) === 1;
  for (let bit = 0; bit <= 5; bit += 1) set(8, bit, on(bit));
  set(8, 7, on(6));
  set(8, 8, on(7));
  set(7, 8, on(8));
  for (let bit = 9; bit < 15; bit += 1) set(14 - bit, 8, on(bit));
  for (let bit = 0; bit < 8; bit += 1) set(size - 1 - bit, 8, on(bit));
  for (let bit = 8; bit < 15; bit += 1) set(8, size - 15 + bit, on(bit));
  set(8, size - 8, true);
}

const MASKS = [
  (x, y) => (x + y) % 2 === 0,
  (_x, y) => y % 2 === 0,
  (x) => x % 3 === 0,
  (x, y) => (x + y) % 3 === 0,
  (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0,
  (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
  (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
  (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
];

/** The data modules in the standard's zigzag: two columns at a time from the right, up then down. */
function placeData(grid, words) {
  const { size, dark, reserved } = grid;
  let bit = 0;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    const upward = ((right + 1) & 2) === 0;
    for (let step = 0; step < size; step += 1) {
      const y = upward ? size - 1 - step : step;
      for (const x of [right, right - 1]) {
        if (reserved[y * size + x]) continue;
        // The remainder bits past the last codeword stay light.
        dark[y * size + x] = bit < words.length * 8 ? (words[bit >>> 3] >>> (7 - (bit & 7))) & 1 : 0;
        bit += 1;
      }
    }
  }
}

/** The standard's penalty of a masked symbol: runs, 2x2 blocks, finder-like patterns, dark balance. */
export function penalty(size, dark) {
  let score = 0;
  const at = (x, y) => dark[y * size + x];
  const finderLike = [
    [1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0],
    [0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1],
  ];
  for (const read of [at, (x, y) => at(y, x)]) {
    for (let y = 0; y < size; y += 1) {
      let run = 1;
      for (let x = 1; x <= size; x += 1) {
        if (x < size && read(x, y) === read(x - 1, y)) run += 1;
        else {
          if (run >= 5) score += run - 2;
          run = 1;
        }
        if (
          x + 11 <= size &&
          finderLike.some((pattern) => pattern.every((value, index) => read(x + index, y) === value))
        )
          score += 40;
      }
      if (size >= 11 && finderLike.some((pattern) => pattern.every((value, index) => read(index, y) === value)))
        score += 40;
    }
  }
  for (let y = 0; y < size - 1; y += 1) {
    for (let x = 0; x < size - 1; x += 1) {
      const value = at(x, y);
      if (value === at(x + 1, y) && value === at(x, y + 1) && value === at(x + 1, y + 1)) score += 3;
    }
  }
  const darkCount = dark.reduce((sum, value) => sum + value, 0);
  const total = size * size;
  score += (Math.ceil(Math.abs(darkCount * 20 - total * 10) / total) - 1) * 10;
  return score;
}

/**
 * The QR symbol for `text`: `{ version, level, mask, size, dark }`, `dark` row-major with 1 for
 * a dark module, the smallest version that holds the text at `level`. Throws a RangeError
 * when no version does.
 */
export function qrMatrix(text, { level = "M", mask: forcedMask } = {}) {
  const levelIndex = LEVELS[level];
  if (levelIndex === undefined) throw new RangeError(`Unknown error-correction level ${level}`);
  const bytes = [...new TextEncoder().encode(text)];
  let version = 1;
  while (version <= 40 && 4 + (version < 10 ? 8 : 16) + bytes.length * 8 > dataCodewords(version, levelIndex) * 8)
    version += 1;
  if (version > 40) throw new RangeError(`Too long for a QR code: ${bytes.length} bytes`);
  const words = codewords(dataBytes(bytes, version, dataCodewords(version, levelIndex)), version, levelIndex);
  let best = null;
  for (const mask of forcedMask === undefined ? [0, 1, 2, 3, 4, 5, 6, 7] : [forcedMask]) {
    const grid = functionPatterns(version);
    placeData(grid, words);
    const { size, dark, reserved } = grid;
    for (let y = 0; y < size; y += 1) {
      for (let x = 0; x < size; x += 1) if (!reserved[y * size + x] && MASKS[mask](x, y)) dark[y * size + x] ^= 1;
    }
    drawFormat((x, y, on) => (dark[y * size + x] = on ? 1 : 0), size, levelIndex, mask);
    const score = penalty(size, dark);
    if (!best || score < best.score) best = { version, level, mask, size, dark, score };
  }
  const { score, ...symbol } = best;
  return symbol;
}

/** SVG path data for the dark modules, a rectangle per run in a row, offset by the quiet zone. */
export function qrPathData({ size, dark }) {
  const parts = [];
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      if (!dark[y * size + x]) continue;
      let run = 1;
      while (x + run < size && dark[y * size + x + run]) run += 1;
      parts.push(`M${x + QUIET_ZONE} ${y + QUIET_ZONE}h${run}v1h-${run}z`);
      x += run - 1;
    }
  }
  return parts.join("");
}

const escapeXml = (text) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * A standalone SVG document of the QR code for `text`: dark on light whatever the theme (a
 * reader needs the contrast), with the standard's quiet zone of 4 modules and `label` as its
 * accessible name.
 */
export function qrSvg(text, { level = "M", label = "QR code" } = {}) {
  const symbol = qrMatrix(text, { level });
  const side = symbol.size + 2 * QUIET_ZONE;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges" role="img" aria-label="${escapeXml(label)}">` +
    `<rect width="${side}" height="${side}" fill="#fff"/><path fill="#000" d="${qrPathData(symbol)}"/></svg>`
  );
}
