/**
 * PDFs drawn with pdf.js, locked down: no eval (CVE-2024-4367 is only fixed
 * with eval off), fonts drawn as paths instead of loaded into the page, no
 * XFA, no WebAssembly (the page's CSP has no 'wasm-unsafe-eval'), an
 * image-size limit, and only the canvas layer: no annotation or form layer,
 * no scripting sandbox, so no action or script in the file can run. The
 * worker comes from the app's own origin (CSP script-src 'self'), one for
 * the whole window.
 */
import type * as PdfJsModule from 'pdfjs-dist';
import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import { MAX_IMAGE_PIXELS } from '../../../../shared/documents/image-header.js';

type PdfJs = typeof PdfJsModule;
let loading: Promise<PdfJs> | null = null;

/** Loaded on first use: the triage desk never pays for pdf.js. */
function pdfjs(): Promise<PdfJs> {
  loading ??= (async () => {
    // Bundled by Vite as a worker of its own (a .js file from the app's origin: no .mjs MIME type to configure).
    const [lib, worker] = await Promise.all([
      import('pdfjs-dist'),
      import('pdfjs-dist/build/pdf.worker.min.mjs?worker'),
    ]);
    lib.GlobalWorkerOptions.workerPort = new worker.default();
    return lib;
  })();
  return loading;
}

export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const lib = await pdfjs();
  // pdf.js transfers the buffer to its worker: give it a copy, the caller keeps its bytes.
  const task = lib.getDocument({
    data: bytes.slice(),
    isEvalSupported: false,
    disableFontFace: true,
    enableXfa: false,
    useWasm: false,
    useSystemFonts: false,
    maxImageSize: MAX_IMAGE_PIXELS,
    stopAtErrors: false,
    disableAutoFetch: true,
    disableStream: true,
    verbosity: 0,
  });
  return task.promise;
}

/** Largest canvas drawn, in pixels: zooming a page further does not multiply memory. */
const MAX_CANVAS_PIXELS = 16_000_000;

/**
 * A drawing under way. Zoom, rotation and paging start a new one on the same
 * canvas before the last has finished: the last must be cancelled first
 * (pdf.js refuses two renders on one canvas, and that refusal is no sign of a
 * damaged file).
 */
export interface Drawing {
  /** "cancelled" when cancel() came first: not a failure, a newer drawing takes over. */
  done: Promise<'drawn' | 'cancelled'>;
  cancel(): void;
}

export function drawPdfPage(
  doc: PDFDocumentProxy,
  pageNumber: number,
  canvas: HTMLCanvasElement,
  widthCss: number,
  zoom: number,
  rotation: number,
): Drawing {
  const cancelled = new AbortController();
  // A function, not the property: the flag flips between awaits, which narrowing cannot see.
  const isCancelled = (): boolean => cancelled.signal.aborted;
  const rendering: { task: RenderTask | null } = { task: null };
  const done = (async (): Promise<'drawn' | 'cancelled'> => {
    const page = await doc.getPage(pageNumber);
    // Cancelled while the page loaded: the canvas is the newer drawing's now, not even its size is ours.
    if (isCancelled()) return 'cancelled';
    const unit = page.getViewport({ scale: 1, rotation: (page.rotate + rotation) % 360 });
    const ratio = window.devicePixelRatio || 1;
    let scale = (widthCss / unit.width) * zoom * ratio;
    const area = unit.width * unit.height * scale * scale;
    if (area > MAX_CANVAS_PIXELS) scale *= Math.sqrt(MAX_CANVAS_PIXELS / area);
    const viewport = page.getViewport({ scale, rotation: (page.rotate + rotation) % 360 });
    canvas.width = Math.max(1, Math.floor(viewport.width));
    canvas.height = Math.max(1, Math.floor(viewport.height));
    canvas.style.setProperty('--doc-width', `${String(Math.floor(viewport.width / ratio))}px`);
    const task = page.render({ canvas, viewport });
    rendering.task = task;
    try {
      await task.promise;
      return 'drawn';
    } catch (err) {
      // RenderTask.cancel() rejects with RenderingCancelledException: expected, whatever pdf.js names it.
      if (isCancelled()) return 'cancelled';
      throw err;
    }
  })();
  return {
    done,
    cancel() {
      cancelled.abort();
      // Frees the canvas at once (pdf.js forgets it synchronously), so the next render may start on it.
      rendering.task?.cancel();
    },
  };
}
