/**
 * Images are decoded only after their header said they are under the pixel
 * limit (main checked it, see src/shared/documents/image-header.ts), by the
 * browser's own decoder into an ImageBitmap: pixels, nothing that can run.
 */
import type { Drawing } from './pdf-render.js';

const TYPES = { png: 'image/png', jpeg: 'image/jpeg', gif: 'image/gif' } as const;

export function decodeImage(bytes: Uint8Array, format: keyof typeof TYPES): Promise<ImageBitmap> {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return createImageBitmap(new Blob([copy.buffer], { type: TYPES[format] }));
}

const MAX_CANVAS_PIXELS = 16_000_000;

export function drawImage(
  bitmap: ImageBitmap,
  canvas: HTMLCanvasElement,
  widthCss: number,
  zoom: number,
  rotation: number,
): void {
  const turned = rotation % 180 !== 0;
  const w = turned ? bitmap.height : bitmap.width;
  const h = turned ? bitmap.width : bitmap.height;
  const ratio = window.devicePixelRatio || 1;
  let scale = Math.min(1, widthCss / w) * zoom * ratio;
  if (w * h * scale * scale > MAX_CANVAS_PIXELS) scale = Math.sqrt(MAX_CANVAS_PIXELS / (w * h));
  canvas.width = Math.max(1, Math.round(w * scale));
  canvas.height = Math.max(1, Math.round(h * scale));
  canvas.style.setProperty('--doc-width', `${String(Math.round(canvas.width / ratio))}px`);
  const ctx = canvas.getContext('2d');
  if (ctx === null) throw new Error('no 2d context');
  ctx.save();
  ctx.translate(canvas.width / 2, canvas.height / 2);
  ctx.rotate((rotation * Math.PI) / 180);
  ctx.drawImage(
    bitmap,
    (-bitmap.width * scale) / 2,
    (-bitmap.height * scale) / 2,
    bitmap.width * scale,
    bitmap.height * scale,
  );
  ctx.restore();
}

/**
 * drawImage as a drawing that a newer one cancels, like a PDF page's: zoom
 * and rotation pressed fast draw only the last state, and a bitmap released
 * meanwhile (its request decided, the desk closed) is never drawn.
 */
export function drawImageTask(
  bitmap: ImageBitmap,
  canvas: HTMLCanvasElement,
  widthCss: number,
  zoom: number,
  rotation: number,
): Drawing {
  let cancelled = false;
  const done = Promise.resolve().then((): 'drawn' | 'cancelled' => {
    if (cancelled) return 'cancelled';
    drawImage(bitmap, canvas, widthCss, zoom, rotation);
    return 'drawn';
  });
  return {
    done,
    cancel() {
      cancelled = true;
    },
  };
}

/** base64 (how bytes cross the IPC bridge) to bytes. */
export function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
