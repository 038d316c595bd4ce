/**
 * Push probes: one SSE connection per backend process, as a console holds
 * (GET /v1/events with an agent's token), recording when each "changes"
 * event arrives and the feed position (seq) its head names. The push figure
 * is read from them after the run: a write committed through process A, and
 * the first event on process B whose head covers it.
 */
import { createParser } from 'eventsource-parser';

export interface HeadEvent {
  /** performance.now() when the event was parsed. */
  at: number;
  seq: number;
}

export interface SseProbe {
  readonly url: string;
  readonly events: HeadEvent[];
  /** Resolves once the stream answered (its first event is the head as it stands). */
  readonly ready: Promise<void>;
  close(): void;
}

/** The seq a head cursor stands at: the cursor is base64url JSON, {p:'l', s} live or {p:'b', h} in a bootstrap. */
export function cursorSeq(cursor: string): number {
  const c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { p?: string; s?: number; h?: number };
  const seq = c.p === 'l' ? c.s : c.h;
  if (typeof seq !== 'number') throw new Error(`not a feed cursor: ${cursor}`);
  return seq;
}

export function openSseProbe(baseUrl: string, token: string): SseProbe {
  const events: HeadEvent[] = [];
  const abort = new AbortController();
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const parser = createParser({
    onEvent: (e) => {
      if (e.event !== 'changes') return;
      events.push({ at: performance.now(), seq: cursorSeq((JSON.parse(e.data) as { head: string }).head) });
      markReady();
    },
  });
  void (async () => {
    try {
      const res = await fetch(`${baseUrl}/v1/events`, {
        headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
        signal: abort.signal,
      });
      if (!res.ok || res.body === null) throw new Error(`GET /v1/events answered ${String(res.status)}`);
      const decoder = new TextDecoder();
      for await (const chunk of res.body) parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }));
    } catch (err) {
      if (!abort.signal.aborted) process.stderr.write(`[bench] push probe on ${baseUrl}: ${String(err)}\n`);
    }
  })();
  return {
    url: baseUrl,
    events,
    ready,
    close: () => {
      abort.abort();
    },
  };
}

/**
 * For each write (committed through `via`, answered at `answeredAt`, at feed position `seq`): ms from the answer
 * to the first event on every OTHER process's probe whose head reaches `seq`. Negative when the push overtook the
 * HTTP answer (the commit came before both). Writes no probe saw are counted apart.
 */
export function pushDelays(
  writes: readonly { via: string; answeredAt: number; seq: number }[],
  probes: readonly SseProbe[],
): { delays: number[]; unseen: number } {
  const delays: number[] = [];
  let unseen = 0;
  for (const w of writes) {
    for (const probe of probes) {
      if (probes.length > 1 && probe.url === w.via) continue;
      const hit = probe.events.find((e) => e.seq >= w.seq);
      if (hit === undefined) unseen += 1;
      else delays.push(hit.at - w.answeredAt);
    }
  }
  return { delays, unseen };
}
