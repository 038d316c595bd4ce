/**
 * The PostgreSQL bulk writer (bulk-writer.ts): the seed's rows go in batches
 * of a few thousand per statement (`INSERT … SELECT FROM unnest(arrays)`), on
 * one connection, in one transaction that holds the sequencer row from the
 * start, so no other write interleaves with the load.
 *
 * The writer's methods are synchronous (the seed is a plain loop): rows are
 * buffered, full buffers are queued as statements in order, and the first
 * failure is reported by `commit`, which then rolls everything back.
 */
import type pg from 'pg';
import { ENTITY_KINDS } from '../../shared/entities.js';
import type { EntityKind } from '../../shared/entities.js';
import type { BulkRecord, BulkWriter } from './bulk-writer.js';

/** Rows per statement: big enough to amortise a round trip, small enough to keep each array in memory. */
const BATCH = 2000;

function recordsInsert(kind: EntityKind, rows: readonly BulkRecord[]): { text: string; values: unknown[] } {
  const t = `rec_${kind}`;
  const col = <K extends keyof BulkRecord>(key: K) => rows.map((r) => r[key] ?? null);
  const base = [col('rid'), col('id'), col('seq'), col('version')];
  if (kind === 'message') {
    // A message's phase follows its ticket (store/urgency.ts): read from the ticket loaded before it.
    return {
      text: `INSERT INTO ${t} (rid, id, seq, version, urgent, data, ticket_id)
        SELECT u.rid, u.id, u.seq, u.version, coalesce(tk.urgent, 0), u.data, u.ticket_id
        FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::bigint[], $5::text[], $6::text[])
          AS u(rid, id, seq, version, data, ticket_id)
        LEFT JOIN rec_ticket tk ON tk.id = u.ticket_id`,
      values: [...base, col('data'), col('ticketId')],
    };
  }
  if (kind === 'callback') {
    return {
      text: `INSERT INTO ${t} (rid, id, seq, version, urgent, data, ticket_id, expert_id, starts_at, ends_at, status)
        SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::bigint[], $5::smallint[], $6::text[],
          $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])`,
      values: [
        ...base,
        col('urgent'),
        col('data'),
        col('ticketId'),
        col('expertId'),
        col('startsAt'),
        col('endsAt'),
        col('status'),
      ],
    };
  }
  return {
    text: `INSERT INTO ${t} (rid, id, seq, version, urgent, data)
      SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::bigint[], $5::smallint[], $6::text[])`,
    values: [...base, col('urgent'), col('data')],
  };
}

export async function openPostgresBulkWriter(pool: pg.Pool): Promise<BulkWriter> {
  const client = await pool.connect();
  let head: number;
  try {
    await client.query('BEGIN');
    const res = await client.query<{ seq: number }>('SELECT seq FROM feed_head WHERE id = 1 FOR UPDATE');
    const row = res.rows[0];
    if (row === undefined) throw new Error('The backend database has no sequencer row.');
    head = row.seq;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
    throw err;
  }

  let queue: Promise<void> = Promise.resolve();
  let failure: Error | null = null;
  const enqueue = (step: () => Promise<unknown>): void => {
    queue = queue.then(async () => {
      if (failure !== null) return;
      try {
        await step();
      } catch (err) {
        failure = err instanceof Error ? err : new Error('The bulk load failed', { cause: err });
      }
    });
  };
  const run = (text: string, values: unknown[] = []): void => {
    enqueue(() => client.query(text, values));
  };

  const buffers = new Map<EntityKind, BulkRecord[]>();
  /** Rows whose id is not a number: given row ids past the highest at commit, after every numbered row. */
  const unnumbered = new Map<EntityKind, BulkRecord[]>();
  // Kinds flush in the seed's order (tickets before their messages), so a message finds its ticket's flag.
  const flush = (): void => {
    for (const kind of ENTITY_KINDS) {
      const rows = buffers.get(kind);
      if (rows && rows.length > 0) {
        const { text, values } = recordsInsert(kind, rows);
        run(text, values);
        buffers.set(kind, []);
      }
    }
  };
  let buffered = 0;
  let ended = false;
  const end = async (sql: 'COMMIT' | 'ROLLBACK'): Promise<void> => {
    if (ended) return;
    ended = true;
    try {
      await client.query(sql);
    } finally {
      client.release();
    }
  };

  return {
    startSeq: head,
    records(kind, rows) {
      for (const r of rows) {
        if (r.rid === null) {
          let aside = unnumbered.get(kind);
          if (!aside) unnumbered.set(kind, (aside = []));
          aside.push(r);
          continue;
        }
        let list = buffers.get(kind);
        if (!list) buffers.set(kind, (list = []));
        list.push(r);
        if (++buffered >= BATCH) {
          flush();
          buffered = 0;
        }
      }
    },
    accountKeys(rows) {
      if (rows.length === 0) return;
      run(
        'INSERT INTO account_key (account_id, kind, value) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])',
        [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])],
      );
    },
    credentials(rows) {
      for (const c of rows) {
        run(
          'INSERT INTO credential (login, password_hash, agent_id, display_name, extra_roles) VALUES ($1, $2, $3, $4, $5)',
          [c.login, c.passwordHash, c.agentId, c.displayName, c.extraRoles],
        );
      }
    },
    documents(rows) {
      for (const d of rows) {
        run('INSERT INTO document (id, bytes, size, sha256) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING', [
          d.id,
          d.bytes,
          d.size,
          d.sha256,
        ]);
      }
    },
    linkDocuments(rows) {
      for (const l of rows) {
        run('UPDATE document SET recovery_id = $1, decided_at = $2 WHERE id = $3', [l.recoveryId, l.decidedAt, l.id]);
      }
    },
    async commit({ head: seq, added, messagesBeforeTickets }) {
      flush();
      for (const [kind, rows] of unnumbered) {
        // Row ids past the highest, in the rows' order.
        enqueue(async () => {
          const res = await client.query<{ m: number }>(`SELECT coalesce(max(rid), 0) AS m FROM rec_${kind}`);
          const highest = res.rows[0]?.m ?? 0;
          const { text, values } = recordsInsert(
            kind,
            rows.map((r, i) => ({ ...r, rid: highest + i + 1 })),
          );
          await client.query(text, values);
        });
      }
      if (messagesBeforeTickets) {
        run(
          'UPDATE rec_message m SET urgent = coalesce((SELECT urgent FROM rec_ticket t WHERE t.id = m.ticket_id), 0)',
        );
      }
      run('UPDATE feed_head SET seq = $1 WHERE id = 1', [seq]);
      for (const kind of ENTITY_KINDS) {
        if (added[kind] > 0) run('UPDATE record_count SET n = n + $1 WHERE kind = $2', [added[kind], kind]);
      }
      await queue;
      if (failure !== null) {
        await end('ROLLBACK');
        throw failure;
      }
      await end('COMMIT');
    },
    async rollback() {
      await queue;
      await end('ROLLBACK');
    },
  };
}
