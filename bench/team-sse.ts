/**
 * Push probes: one SSE connection per backend process, as a console holds
 * (GET /v1/events with an agent's token), recording when each "changes"
 * event arrives and the feed position (seq) its head names. The push figure
 * is read from them after the run: a write committed through process A, and
 * the first event on process B whose head covers it.
 */
import { cursorSeq as seqOf, decodeCursor } from '../src/server/store/cursor.js';
import { openPushStream } from '../src/server/testing/push-stream.js';
import type { PushEventSeen } from '../src/server/testing/push-stream.js';

export interface HeadEvent {
  /** performance.now() when the event was parsed. */
  at: number;
  seq: number;
}

export interface SseProbe {
  readonly url: string;
  /** The `changes` events so far, in order of arrival. */
  readonly events: readonly HeadEvent[];
  close(): void;
}

/** The seq a head cursor stands at (where a live cursor resumes, where a bootstrap's snapshot ends). */
export function cursorSeq(cursor: string): number {
  const decoded = decodeCursor(cursor);
  if (decoded === null) throw new Error(`not a feed cursor: ${cursor}`);
  return seqOf(decoded);
}

const headOf = (e: PushEventSeen): HeadEvent | undefined =>
  e.event === 'changes' ? { at: e.at, seq: cursorSeq((e.data as { head: string }).head) } : undefined;

/** Opens the stream as a console does; resolves once its first event, the head as it stands, has come. */
export async function openSseProbe(baseUrl: string, token: string): Promise<SseProbe> {
  const stream = await openPushStream(baseUrl, token);
  await stream.next(headOf);
  return {
    url: baseUrl,
    get events() {
      return stream.events.flatMap((e) => headOf(e) ?? []);
    },
    close: () => {
      stream.close();
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
  const seen = probes.map((p) => ({ url: p.url, events: p.events }));
  for (const w of writes) {
    for (const probe of seen) {
      if (probes.length > 1 && probe.url === w.via) continue;
      const hit = probe.events.find((e) => e.seq >= w.seq);
      if (hit === undefined) unseen += 1;
      else delays.push(hit.at - w.answeredAt);
    }
  }
  return { delays, unseen };
}
