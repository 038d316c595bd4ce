/**
 * The safe document viewer: draws a checked document (PDF pages through the
 * locked-down pdf.js, images through the browser's decoder) onto a canvas,
 * with zoom, rotation and paging. A refusal shows its reason. Every outcome
 * is definite: `data-status` is "shown", "refused" or "deleted" (the backend
 * deleted the bytes after the decision), with a per-document
 * time limit on rendering.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentOpen } from '../../../../shared/ipc-recovery.js';
import { shortcutLabel } from '../../lib/keymap.js';
import { keepDecoded, takeDecoded } from './decoded-cache.js';
import type { Decoded } from './decoded-cache.js';
import { decodeImage, drawImageTask, fromBase64 } from './image-render.js';
import { drawPdfPage, openPdf } from './pdf-render.js';
import { useStore } from '../../store/index.js';
import type { DocState } from './recovery-slice.js';

/** Rendering longer than this is given up: a hostile file must not hold the screen. */
export const RENDER_TIMEOUT_MS = 15_000;
const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4] as const;

type Loaded = Decoded;
type Shown = { status: 'rendering' } | { status: 'shown' } | { status: 'refused'; reason: string };

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error('render_timeout'));
    }, ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}

async function load(open: Extract<DocumentOpen, { status: 'viewable' }>, requestId: string): Promise<Loaded> {
  const held = takeDecoded(open.documentId);
  if (held !== undefined) return held;
  if (open.base64 === null) throw new Error('image_undecodable');
  const loaded = await decode(open.format, fromBase64(open.base64));
  keepDecoded(requestId, open.documentId, loaded);
  return loaded;
}

async function decode(
  format: Extract<DocumentOpen, { status: 'viewable' }>['format'],
  bytes: Uint8Array,
): Promise<Loaded> {
  if (format === 'pdf') {
    try {
      const doc = await openPdf(bytes);
      return { kind: 'pdf', doc, pages: doc.numPages };
    } catch (err) {
      // The parser's own words (never the document's content) help tell a broken file from a broken viewer.
      console.warn('pdf.js refused the document:', err instanceof Error ? err.message : String(err));
      throw new Error('pdf_unreadable');
    }
  }
  try {
    return { kind: 'image', bitmap: await decodeImage(bytes, format) };
  } catch {
    throw new Error('image_undecodable');
  }
}

const reasonOf = (err: unknown): string =>
  err instanceof Error && ['render_timeout', 'pdf_unreadable', 'image_undecodable'].includes(err.message)
    ? err.message
    : 'image_undecodable';

export function DocumentViewer({ state, requestId }: { state: DocState; requestId: string }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const frame = useRef<HTMLDivElement>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [shown, setShown] = useState<Shown>({ status: 'rendering' });
  const [page, setPage] = useState(1);
  const [zoomAt, setZoomAt] = useState(2);
  const [rotation, setRotation] = useState(0);
  const zoom = ZOOMS[zoomAt] ?? 1;
  const command = useStore((s) => s.recoveryViewerCommand);
  const pages = loaded?.kind === 'pdf' ? loaded.pages : 1;

  // Keyboard commands from the desk's key handler.
  useEffect(() => {
    if (command === null) return;
    if (command.command === 'zoomIn') setZoomAt((z) => Math.min(ZOOMS.length - 1, z + 1));
    else if (command.command === 'zoomOut') setZoomAt((z) => Math.max(0, z - 1));
    else if (command.command === 'rotate') setRotation((r) => (r + 90) % 360);
    else if (command.command === 'nextPage') setPage((p) => Math.min(pages, p + 1));
    else setPage((p) => Math.max(1, p - 1));
    // Only a new command acts; page count changes alone do not.
  }, [command]);

  // Load (parse or decode) when a new viewable document arrives.
  useEffect(() => {
    setLoaded(null);
    setPage(1);
    setRotation(0);
    setZoomAt(2);
    if (state.status !== 'viewable') return;
    setShown({ status: 'rendering' });
    let alive = true;
    // Decoded documents belong to the cache (decoded-cache.ts), which releases them: nothing to free here.
    withTimeout(load(state, requestId), RENDER_TIMEOUT_MS).then(
      (l) => {
        if (alive) setLoaded(l);
      },
      (err: unknown) => {
        if (alive) setShown({ status: 'refused', reason: reasonOf(err) });
      },
    );
    return () => {
      alive = false;
    };
  }, [state, requestId]);

  // Draw whenever the page, zoom or rotation changes.
  useEffect(() => {
    const target = canvas.current;
    if (loaded === null || target === null) return;
    const width = Math.max(200, (frame.current?.clientWidth ?? 800) - 24);
    let alive = true;
    setShown((s) => (s.status === 'shown' ? s : { status: 'rendering' }));
    const drawing =
      loaded.kind === 'pdf'
        ? drawPdfPage(loaded.doc, page, target, width, zoom, rotation)
        : drawImageTask(loaded.bitmap, target, width, zoom, rotation);
    withTimeout(drawing.done, RENDER_TIMEOUT_MS).then(
      (outcome) => {
        if (alive && outcome === 'drawn') setShown({ status: 'shown' });
      },
      (err: unknown) => {
        drawing.cancel();
        if (alive)
          setShown({
            status: 'refused',
            reason:
              err instanceof Error && err.message === 'render_timeout'
                ? 'render_timeout'
                : loaded.kind === 'pdf'
                  ? 'pdf_unreadable'
                  : 'image_undecodable',
          });
      },
    );
    // A newer page, zoom or rotation replaces this drawing: cancelled, it ends quietly instead of failing.
    return () => {
      alive = false;
      drawing.cancel();
    };
  }, [loaded, page, zoom, rotation]);

  if (state.status === 'loading') {
    return (
      <div className="viewer" data-testid="viewer" data-status="loading" aria-busy="true">
        <p className="muted">{t('recovery.viewer.loading')}</p>
      </div>
    );
  }
  if (state.status === 'deleted') {
    // The rule working as meant (no identity document outlives its decision), so a note rather than an alert.
    return (
      <div className="viewer viewer-deleted" data-testid="viewer" data-status="deleted">
        <p className="viewer-deleted-note" data-testid="viewer-deleted">
          <strong>{t('recovery.viewer.deleted')}</strong>
        </p>
        <p className="muted">{t('recovery.viewer.deletedWhy')}</p>
      </div>
    );
  }
  if (state.status === 'refused' || shown.status === 'refused') {
    const reason = state.status === 'refused' ? state.reason : shown.status === 'refused' ? shown.reason : '';
    return (
      <div className="viewer viewer-refused" data-testid="viewer" data-status="refused" data-reason={reason}>
        <p className="viewer-refusal" role="alert" data-testid="viewer-refusal">
          <strong>{t('recovery.viewer.refused')}</strong> {t(`recovery.refusal.${reason}`)}
        </p>
        {state.status === 'refused' && state.realType !== null && (
          <p className="muted">{t('recovery.viewer.realType', { type: state.realType })}</p>
        )}
      </div>
    );
  }
  return (
    <div className="viewer" data-testid="viewer" data-status={shown.status} data-format={state.format}>
      <div className="viewer-tools" role="toolbar" aria-label={t('recovery.viewer.tools')}>
        <button
          type="button"
          className="button button-quiet"
          data-testid="viewer-zoom-out"
          disabled={zoomAt === 0}
          onClick={() => {
            setZoomAt((z) => Math.max(0, z - 1));
          }}
        >
          {t('recovery.viewer.zoomOut')} <kbd>{shortcutLabel('zoomOut')}</kbd>
        </button>
        <span data-testid="viewer-zoom">{Math.round(zoom * 100)} %</span>
        <button
          type="button"
          className="button button-quiet"
          data-testid="viewer-zoom-in"
          disabled={zoomAt === ZOOMS.length - 1}
          onClick={() => {
            setZoomAt((z) => Math.min(ZOOMS.length - 1, z + 1));
          }}
        >
          {t('recovery.viewer.zoomIn')} <kbd>{shortcutLabel('zoomIn')}</kbd>
        </button>
        <button
          type="button"
          className="button button-quiet"
          data-testid="viewer-rotate"
          onClick={() => {
            setRotation((r) => (r + 90) % 360);
          }}
        >
          {t('recovery.viewer.rotate')} <kbd>{shortcutLabel('rotate')}</kbd>
        </button>
        {pages > 1 && (
          <>
            <button
              type="button"
              className="button button-quiet"
              data-testid="viewer-prev-page"
              disabled={page <= 1}
              onClick={() => {
                setPage((p) => Math.max(1, p - 1));
              }}
            >
              {t('recovery.viewer.prevPage')}
            </button>
            <span data-testid="viewer-page">{t('recovery.viewer.page', { page, pages })}</span>
            <button
              type="button"
              className="button button-quiet"
              data-testid="viewer-next-page"
              disabled={page >= pages}
              onClick={() => {
                setPage((p) => Math.min(pages, p + 1));
              }}
            >
              {t('recovery.viewer.nextPage')}
            </button>
          </>
        )}
        <span className="muted viewer-name" data-testid="viewer-name" title={state.displayName}>
          {state.displayName}
        </span>
      </div>
      {/* Focusable: a zoomed document, or one drawn for a wider pane, scrolls, and the keyboard must reach it. */}
      <div
        className="viewer-frame"
        ref={frame}
        tabIndex={0}
        role="region"
        aria-label={t('recovery.viewer.frame', { name: state.displayName })}
      >
        <canvas ref={canvas} className="viewer-canvas" data-testid="viewer-canvas" aria-label={state.displayName} />
      </div>
    </div>
  );
}
