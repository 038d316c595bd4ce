#!/usr/bin/env node
// Draws the app icon (resources/icon.png, 1024×1024) from code, so it can be
// remade and reviewed like the rest of the project: a rounded blue square
// with a white speech bubble and three dots (a support conversation).
// electron-builder derives the .icns (macOS), .ico (Windows) and the Linux
// sizes from this PNG at package time. Run: node scripts/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

const SIZE = 1024;
const png = new PNG({ width: SIZE, height: SIZE });

const inRoundedRect = (x, y, x0, y0, x1, y1, r) => {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r && x >= x0 && x <= x1 && y >= y0 && y <= y1;
};
const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const inTriangle = (x, y, [ax, ay], [bx, by], [cx, cy]) => {
  const s = (px, py, qx, qy, rx, ry) => (px - rx) * (qy - ry) - (qx - rx) * (py - ry);
  const d1 = s(x, y, ax, ay, bx, by);
  const d2 = s(x, y, bx, by, cx, cy);
  const d3 = s(x, y, cx, cy, ax, ay);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
};

// Four samples per pixel keep the edges smooth.
const SAMPLES = [0.25, 0.75];
const N = SAMPLES.length ** 2;
const isDot = (px, py) => [372, 512, 652].some((cx) => inCircle(px, py, cx, 475, 52));
const isBubble = (px, py) =>
  inRoundedRect(px, py, 232, 270, 792, 680, 150) || inTriangle(px, py, [330, 640], [470, 660], [300, 800]);

for (let y = 0; y < SIZE; y++) {
  // The background: a vertical blue gradient.
  const t = y / SIZE;
  const blue = [22 + 20 * t, 94 + 30 * t, 196 - 20 * t];
  for (let x = 0; x < SIZE; x++) {
    let inside = 0;
    let white = 0;
    for (const sy of SAMPLES) {
      for (const sx of SAMPLES) {
        const px = x + sx;
        const py = y + sy;
        if (!inRoundedRect(px, py, 64, 64, 960, 960, 200)) continue;
        inside += 1;
        if (isBubble(px, py) && !isDot(px, py)) white += 1;
      }
    }
    const i = (y * SIZE + x) * 4;
    const w = inside === 0 ? 0 : white / inside;
    for (let k = 0; k < 3; k++) png.data[i + k] = Math.round(blue[k] * (1 - w) + 255 * w);
    png.data[i + 3] = Math.round((255 * inside) / N);
  }
}
writeFileSync(new URL('../resources/icon.png', import.meta.url), PNG.sync.write(png));
console.log('resources/icon.png written (1024×1024)');
