/**
 * An image's dimensions read from its header, before anything decodes it: a
 * 100-byte PNG can declare 50,000 × 50,000 pixels (10 GB of RGBA). The
 * viewer refuses above the pixel limit and only then hands the bytes to a
 * decoder. image-size reads headers only and works on a Uint8Array.
 */
import { imageSize } from 'image-size';
import type { AcceptedFormat } from './formats.js';

/** 40 megapixels: room for a 12-megapixel phone photo of an ID card, far below what exhausts memory. */
export const MAX_IMAGE_PIXELS = 40_000_000;

export type HeaderResult =
  { ok: true; width: number; height: number } | { ok: false; reason: 'image_header_unreadable' | 'image_too_large' };

const TYPE_OF: Partial<Record<AcceptedFormat, string>> = { png: 'png', jpeg: 'jpg', gif: 'gif' };

export function readImageHeader(bytes: Uint8Array, format: AcceptedFormat, maxPixels = MAX_IMAGE_PIXELS): HeaderResult {
  let size: { width?: number; height?: number; type?: string };
  try {
    size = imageSize(bytes);
  } catch {
    return { ok: false, reason: 'image_header_unreadable' };
  }
  const { width, height } = size;
  if (size.type !== TYPE_OF[format] || width === undefined || height === undefined || width < 1 || height < 1) {
    return { ok: false, reason: 'image_header_unreadable' };
  }
  if (width * height > maxPixels) return { ok: false, reason: 'image_too_large' };
  return { ok: true, width, height };
}
