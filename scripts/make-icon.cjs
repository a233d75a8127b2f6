#!/usr/bin/env node
// Draws resources/icon.png (512×512, RGBA) with no dependencies: a speech bubble with three rising bars
// (questions, votes) on a rounded square. Run `node scripts/make-icon.cjs` after changing the drawing.
const { deflateSync } = require('node:zlib');
const { writeFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');

const SIZE = 512;
const px = Buffer.alloc(SIZE * SIZE * 4);

function blend(x, y, [r, g, b], alpha) {
  if (alpha <= 0) return;
  const i = (y * SIZE + x) * 4;
  const a = Math.min(1, alpha);
  const dstA = px[i + 3] / 255;
  const outA = a + dstA * (1 - a);
  const mix = (src, dst) => Math.round((src * a + dst * dstA * (1 - a)) / (outA || 1));
  px[i] = mix(r, px[i]);
  px[i + 1] = mix(g, px[i + 1]);
  px[i + 2] = mix(b, px[i + 2]);
  px[i + 3] = Math.round(outA * 255);
}

/** Fills the shape given by a signed distance function (negative inside), antialiased over 1 px. */
function fill(sdf, color) {
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const d = sdf(x + 0.5, y + 0.5);
      blend(x, y, color, 0.5 - d);
    }
  }
}

const roundedRect = (x0, y0, x1, y1, r) => (x, y) => {
  const cx = Math.max(x0 + r - x, 0, x - (x1 - r));
  const cy = Math.max(y0 + r - y, 0, y - (y1 - r));
  const outside = Math.hypot(cx, cy) - r;
  const inside = Math.min(0, Math.max(x0 + r - x, x - (x1 - r), y0 + r - y, y - (y1 - r)) - r);
  return cx > 0 && cy > 0 ? outside : Math.max(x0 - x, x - x1, y0 - y, y - y1, inside);
};
const union = (...shapes) => (x, y) => Math.min(...shapes.map((s) => s(x, y)));
const triangle = (ax, ay, bx, by, cx, cy) => (x, y) => {
  const edge = (px0, py0, px1, py1) => {
    const nx = py1 - py0;
    const ny = px0 - px1;
    const len = Math.hypot(nx, ny);
    return ((x - px0) * nx + (y - py0) * ny) / len;
  };
  return Math.max(edge(ax, ay, bx, by), edge(bx, by, cx, cy), edge(cx, cy, ax, ay));
};

const BLUE = [29, 78, 216];
const WHITE = [255, 255, 255];
const AMBER = [245, 158, 11];

fill(roundedRect(16, 16, 496, 496, 104), BLUE);
fill(union(roundedRect(96, 104, 416, 344, 56), triangle(150, 330, 250, 330, 140, 424)), WHITE);
fill(roundedRect(156, 236, 204, 300, 10), AMBER);
fill(roundedRect(232, 196, 280, 300, 10), AMBER);
fill(roundedRect(308, 148, 356, 300, 10), AMBER);

function crc32(buf) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) px.copy(raw, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = join(__dirname, '..', 'resources', 'icon.png');
mkdirSync(join(__dirname, '..', 'resources'), { recursive: true });
writeFileSync(out, png);
process.stdout.write(`wrote ${out} (${png.length} bytes)\n`);
