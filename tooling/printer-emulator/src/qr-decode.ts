/**
 * Reads the content back out of a QR code that arrived as a raster image (receiptline sends QR
 * codes as bitmaps, not as `GS ( k` commands), so a plain-text ticket can show `[QR: …]`. The
 * bitmap is a perfect print, so no error correction is needed: a damaged symbol gives undefined.
 */

// Per version 1–40 (index 0 unused), per error correction level L, M, Q, H (ISO/IEC 18004 table 9).
const eccPerBlock = [
  [
    0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28,
    30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
  ],
  [
    0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28,
    28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
  ],
  [
    0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28,
    30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
  ],
  [
    0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30,
    30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
  ],
];
const blockCount = [
  [
    0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16,
    17, 18, 19, 19, 20, 21, 22, 24, 25,
  ],
  [
    0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28,
    29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
  ],
  [
    0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35,
    38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68,
  ],
  [
    0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42,
    45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81,
  ],
];
// Format bits 00 = M, 01 = L, 10 = H, 11 = Q, mapped to the table rows above.
const levelRow = [1, 0, 3, 2];

const masks: ((row: number, col: number) => boolean)[] = [
  (r, c) => (r + c) % 2 === 0,
  (r) => r % 2 === 0,
  (_r, c) => c % 3 === 0,
  (r, c) => (r + c) % 3 === 0,
  (r, c) => (Math.floor(c / 3) + Math.floor(r / 2)) % 2 === 0,
  (r, c) => ((r * c) % 2) + ((r * c) % 3) === 0,
  (r, c) => (((r * c) % 2) + ((r * c) % 3)) % 2 === 0,
  (r, c) => (((r + c) % 2) + ((r * c) % 3)) % 2 === 0,
];

function alignmentPositions(version: number, size: number): number[] {
  if (version === 1) return [];
  const count = Math.floor(version / 7) + 2;
  const step = version === 32 ? 26 : Math.ceil((version * 4 + 4) / (count * 2 - 2)) * 2;
  const positions = [6];
  for (let pos = size - 7; positions.length < count; pos -= step) positions.splice(1, 0, pos);
  return positions;
}

/** Which modules are finder, timing, alignment, format or version patterns (not data). */
function functionModules(version: number, size: number): boolean[][] {
  const reserved = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  const mark = (row: number, col: number, rows: number, cols: number) => {
    for (let r = row; r < row + rows; r++) for (let c = col; c < col + cols; c++) reserved[r]![c] = true;
  };
  mark(0, 0, 9, 9);
  mark(0, size - 8, 9, 8);
  mark(size - 8, 0, 8, 9);
  mark(6, 0, 1, size);
  mark(0, 6, size, 1);
  const positions = alignmentPositions(version, size);
  for (const r of positions) {
    for (const c of positions) {
      const corner = (r === 6 && c === 6) || (r === 6 && c === size - 7) || (r === size - 7 && c === 6);
      if (!corner) mark(r - 2, c - 2, 5, 5);
    }
  }
  if (version >= 7) {
    mark(0, size - 11, 6, 3);
    mark(size - 11, 0, 3, 6);
  }
  return reserved;
}

function rawDataBytes(version: number): number {
  let modules = (16 * version + 128) * version + 64;
  if (version >= 2) {
    const count = Math.floor(version / 7) + 2;
    modules -= (25 * count - 10) * count - 55;
    if (version >= 7) modules -= 36;
  }
  return Math.floor(modules / 8);
}

/** Undoes the block interleaving and drops the error correction codewords. */
function dataCodewords(codewords: number[], version: number, level: number): number[] {
  const blocks = blockCount[level]![version]!;
  const ecc = eccPerBlock[level]![version]!;
  const raw = rawDataBytes(version);
  const shortBlocks = blocks - (raw % blocks);
  const shortLength = Math.floor(raw / blocks);
  const perBlock: number[][] = Array.from({ length: blocks }, () => []);
  let next = 0;
  for (let i = 0; i <= shortLength; i++) {
    for (let j = 0; j < blocks; j++) {
      if (i === shortLength - ecc && j < shortBlocks) continue;
      if (i === shortLength && j < shortBlocks) continue;
      perBlock[j]![i] = codewords[next++] ?? 0;
    }
  }
  return perBlock.flatMap((block, j) =>
    block.filter((v) => v !== undefined).slice(0, shortLength - ecc + (j < shortBlocks ? 0 : 1)),
  );
}

/** Reads the segments (numeric, alphanumeric, byte) of the data codewords. */
function readSegments(data: number[], version: number): string | undefined {
  let bit = 0;
  const take = (count: number): number => {
    let value = 0;
    for (let i = 0; i < count; i++, bit++)
      value = (value << 1) | (((data[bit >> 3] ?? 0) >> (7 - (bit & 7))) & 1);
    return value;
  };
  const wide = version >= 27 ? 2 : version >= 10 ? 1 : 0;
  const alphanumeric = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
  const bytes: number[] = [];
  while (bit + 4 <= data.length * 8) {
    const mode = take(4);
    if (mode === 0) break;
    if (mode === 7) {
      take(8);
    } else if (mode === 4) {
      const count = take([8, 16, 16][wide]!);
      for (let i = 0; i < count; i++) bytes.push(take(8));
    } else if (mode === 2) {
      let count = take([9, 11, 13][wide]!);
      for (; count >= 2; count -= 2) {
        const pair = take(11);
        bytes.push(alphanumeric.charCodeAt(Math.floor(pair / 45)), alphanumeric.charCodeAt(pair % 45));
      }
      if (count === 1) bytes.push(alphanumeric.charCodeAt(take(6)));
    } else if (mode === 1) {
      let count = take([10, 12, 14][wide]!);
      for (; count >= 3; count -= 3) bytes.push(...Buffer.from(String(take(10)).padStart(3, '0')));
      if (count === 2) bytes.push(...Buffer.from(String(take(7)).padStart(2, '0')));
      if (count === 1) bytes.push(...Buffer.from(String(take(4))));
    } else {
      return undefined;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Decodes a QR code printed as a 1-bit raster (rows of ceil(width / 8) bytes, MSB first). */
export function decodeQrBitmap(width: number, height: number, bits: Buffer): string | undefined {
  const stride = (width + 7) >> 3;
  const dark = (x: number, y: number) => (((bits[y * stride + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1) === 1;
  let top = -1;
  let left = -1;
  for (let y = 0; y < height && top < 0; y++) {
    for (let x = 0; x < width; x++) {
      if (dark(x, y)) {
        top = y;
        left = x;
        break;
      }
    }
  }
  if (top < 0) return undefined;
  let run = 0;
  while (left + run < width && dark(left + run, top)) run++;
  const cell = run / 7;
  let right = width - 1;
  while (right > left && !dark(right, top)) right--;
  const size = Math.round((right - left + 1) / cell);
  const version = (size - 17) / 4;
  if (!Number.isInteger(cell) || !Number.isInteger(version) || version < 1 || version > 40) return undefined;
  const module = (row: number, col: number) =>
    dark(left + col * cell + Math.floor(cell / 2), top + row * cell + Math.floor(cell / 2));
  const formatCells: [number, number][] = [
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
  const format = formatCells.reduce((acc, [r, c]) => (acc << 1) | (module(r, c) ? 1 : 0), 0) ^ 0x5412;
  const level = levelRow[format >> 13]!;
  const mask = masks[(format >> 10) & 7]!;
  const reserved = functionModules(version, size);
  const codewords: number[] = [];
  let current = 0;
  let count = 0;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    for (let vert = 0; vert < size; vert++) {
      for (let j = 0; j < 2; j++) {
        const col = right - j;
        const row = ((right + 1) & 2) === 0 ? size - 1 - vert : vert;
        if (reserved[row]![col]) continue;
        current = (current << 1) | (module(row, col) !== mask(row, col) ? 1 : 0);
        if (++count % 8 === 0) {
          codewords.push(current);
          current = 0;
        }
      }
    }
  }
  return readSegments(dataCodewords(codewords, version, level), version);
}
