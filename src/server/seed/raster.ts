/**
 * A tiny RGBA canvas and the three image encoders (PNG, JPEG, GIF). Drawing is
 * done by hand because the seed must run in plain Node without native
 * canvas builds; the shapes (cards, stamps, scrawls) only need rectangles,
 * discs, rings, lines and bitmap text.
 */
import { createRequire } from 'node:module';
import { encode as encodeJpegData } from 'jpeg-js';
import { PNG } from 'pngjs';
import { rasterizeText } from './font.js';

/** The part of gifenc (which ships no types) that encodeGif uses. */
interface Gifenc {
  GIFEncoder(): {
    writeFrame(index: Uint8Array, width: number, height: number, opts: { palette: number[][] }): void;
    finish(): void;
    bytes(): Uint8Array;
  };
  quantize(rgba: Uint8Array, maxColors: number): number[][];
  applyPalette(rgba: Uint8Array, palette: number[][]): Uint8Array;
}
// gifenc is CommonJS marked __esModule, whose default import means GIFEncoder to
// bundlers but module.exports to Node; require() gives the same object everywhere.
const gifenc = createRequire(import.meta.url)('gifenc') as Gifenc;

export type Rgb = readonly [number, number, number];

export class Canvas {
  readonly data: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb,
  ) {
    this.data = new Uint8Array(width * height * 4);
    for (let i = 0; i < width * height; i++) {
      this.data[i * 4] = background[0];
      this.data[i * 4 + 1] = background[1];
      this.data[i * 4 + 2] = background[2];
      this.data[i * 4 + 3] = 255;
    }
  }

  set(x: number, y: number, c: Rgb): void {
    const xi = Math.round(x);
    const yi = Math.round(y);
    if (xi < 0 || yi < 0 || xi >= this.width || yi >= this.height) return;
    const o = (yi * this.width + xi) * 4;
    this.data[o] = c[0];
    this.data[o + 1] = c[1];
    this.data[o + 2] = c[2];
  }

  rect(x: number, y: number, w: number, h: number, c: Rgb): void {
    for (let yy = y; yy < y + h; yy++) for (let xx = x; xx < x + w; xx++) this.set(xx, yy, c);
  }

  /** Filled ellipse; a disc when rx = ry. */
  ellipse(cx: number, cy: number, rx: number, ry: number, c: Rgb): void {
    for (let y = Math.floor(cy - ry); y <= cy + ry; y++) {
      for (let x = Math.floor(cx - rx); x <= cx + rx; x++) {
        const nx = (x - cx) / rx;
        const ny = (y - cy) / ry;
        if (nx * nx + ny * ny <= 1) this.set(x, y, c);
      }
    }
  }

  ring(cx: number, cy: number, r: number, thickness: number, c: Rgb): void {
    const inner = (r - thickness) * (r - thickness);
    for (let y = Math.floor(cy - r); y <= cy + r; y++) {
      for (let x = Math.floor(cx - r); x <= cx + r; x++) {
        const d = (x - cx) * (x - cx) + (y - cy) * (y - cy);
        if (d <= r * r && d >= inner) this.set(x, y, c);
      }
    }
  }

  /** A line `thickness` pixels wide, stamped as small squares along its length. */
  line(x1: number, y1: number, x2: number, y2: number, thickness: number, c: Rgb): void {
    const steps = Math.max(1, Math.ceil(Math.hypot(x2 - x1, y2 - y1)));
    const half = Math.floor(thickness / 2);
    for (let i = 0; i <= steps; i++) {
      const x = Math.round(x1 + ((x2 - x1) * i) / steps);
      const y = Math.round(y1 + ((y2 - y1) * i) / steps);
      this.rect(x - half, y - half, thickness, thickness, c);
    }
  }

  text(text: string, x: number, y: number, scale: number, c: Rgb): void {
    rasterizeText(text, x, y, scale, (px, py) => {
      this.set(px, py, c);
    });
  }
}

export function encodePng(canvas: Canvas): Uint8Array {
  const png = new PNG({ width: canvas.width, height: canvas.height });
  png.data = Buffer.from(canvas.data);
  return new Uint8Array(PNG.sync.write(png, { colorType: 2 }));
}

export function encodeJpeg(canvas: Canvas, quality: number): Uint8Array {
  const out = encodeJpegData({ data: canvas.data, width: canvas.width, height: canvas.height }, quality);
  return new Uint8Array(out.data);
}

export function encodeGif(canvas: Canvas): Uint8Array {
  const palette = gifenc.quantize(canvas.data, 32);
  const index = gifenc.applyPalette(canvas.data, palette);
  const gif = gifenc.GIFEncoder();
  gif.writeFrame(index, canvas.width, canvas.height, { palette });
  gif.finish();
  return gif.bytes();
}
