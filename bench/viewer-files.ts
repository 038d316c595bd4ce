/**
 * The documents `viewer.open` is measured on: a 12-megapixel JPG (a phone
 * photo of an ID card) and a ~5 MB PDF (a scan: pages of embedded JPEG
 * images). Noise keeps the encoders from compressing them to nothing.
 */
import jpeg from 'jpeg-js';
import { PDFDocument } from 'pdf-lib';

function noisyRgba(width: number, height: number, seed: number): Buffer {
  const data = Buffer.alloc(width * height * 4);
  let s = seed >>> 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      s = (s * 1664525 + 1013904223) >>> 0;
      const i = (y * width + x) * 4;
      const noise = s >>> 27;
      data[i] = (x * 255) / width + noise;
      data[i + 1] = (y * 255) / height + noise;
      data[i + 2] = ((x + y) & 255) ^ noise;
      data[i + 3] = 255;
    }
  }
  return data;
}

export function photoJpeg(width = 4000, height = 3000): Uint8Array {
  return new Uint8Array(jpeg.encode({ data: noisyRgba(width, height, 7), width, height }, 80).data);
}

/** A scan-like PDF of about 5 MB (pages are added until `minBytes`): A4 pages at 150 dpi, each one embedded JPEG. */
export async function scanPdf(minBytes = 5_000_000): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  let size = 0;
  for (let page = 0; size < minBytes && page < 20; page++) {
    const img = jpeg.encode({ data: noisyRgba(1240, 1754, page + 1), width: 1240, height: 1754 }, 85).data;
    const embedded = await doc.embedJpg(img);
    doc.addPage([595, 842]).drawImage(embedded, { x: 0, y: 0, width: 595, height: 842 });
    size += img.length;
  }
  return doc.save();
}
