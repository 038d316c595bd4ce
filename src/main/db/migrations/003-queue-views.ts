import type { Migration } from './types.js';

/**
 * Queue views: every view × sort is one index range scan in order,
 * and every total or view count is a sum over a small facet table.
 *
 * - `priority_rank` is a VIRTUAL generated column (urgent = 3 … low = 0):
 *   the text values do not sort by urgency, and an index on a generated
 *   column lets "priority, then last update" be one backward index scan
 *   (ORDER BY priority_rank DESC, updated_at DESC, rid DESC).
 * - Age (created_at ASC) and priority indexes beside the existing
 *   updated_at ones for the four shapes (status, category, assignee, level).
 *   They are listed in bulk-indexes.ts so a bootstrap's history phase runs
 *   without them and builds them by sorting at the end.
 * - Callback and chat-termination views are sparse: partial indexes keep
 *   them small (and cheap to maintain even during a bulk load).
 * - `ticket_facets` counts tickets by every dimension a view filters on.
 *   COUNT(*) over a view at 1M rows takes ~100 ms; the facet table has a few
 *   thousand rows at most, so totals and view counts are read on every change.
 *   `assignee_id` is '' for unassigned (NULL cannot be part of a primary key
 *   lookup with `=`).
 */
const SQL = `
ALTER TABLE tickets ADD COLUMN priority_rank INTEGER GENERATED ALWAYS AS
  (CASE priority WHEN 'urgent' THEN 3 WHEN 'high' THEN 2 WHEN 'normal' THEN 1 ELSE 0 END) VIRTUAL;

CREATE INDEX tickets_status_age ON tickets (status, created_at);
CREATE INDEX tickets_category_age ON tickets (category_id, status, created_at);
CREATE INDEX tickets_assignee_age ON tickets (assignee_id, status, created_at);
CREATE INDEX tickets_level_age ON tickets (level, status, created_at);
CREATE INDEX tickets_status_prio ON tickets (status, priority_rank, updated_at);
CREATE INDEX tickets_category_prio ON tickets (category_id, status, priority_rank, updated_at);
CREATE INDEX tickets_assignee_prio ON tickets (assignee_id, status, priority_rank, updated_at);
CREATE INDEX tickets_level_prio ON tickets (level, status, priority_rank, updated_at);

-- Likely duplicates: the same requester's tickets close in time (same account uses tickets_account).
CREATE INDEX tickets_requester ON tickets (requester_email, created_at);

CREATE INDEX tickets_callback_updated ON tickets (status, updated_at) WHERE callback_phone IS NOT NULL;
CREATE INDEX tickets_callback_age ON tickets (status, created_at) WHERE callback_phone IS NOT NULL;
CREATE INDEX tickets_callback_prio ON tickets (status, priority_rank, updated_at) WHERE callback_phone IS NOT NULL;
CREATE INDEX tickets_chat_updated ON tickets (category_id, status, updated_at) WHERE channel = 'chat';
CREATE INDEX tickets_chat_age ON tickets (category_id, status, created_at) WHERE channel = 'chat';
CREATE INDEX tickets_chat_prio ON tickets (category_id, status, priority_rank, updated_at) WHERE channel = 'chat';

CREATE TABLE ticket_facets (
  category_id TEXT NOT NULL,
  status TEXT NOT NULL,
  assignee_id TEXT NOT NULL,
  level INTEGER NOT NULL,
  callback INTEGER NOT NULL,
  chat INTEGER NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (category_id, status, assignee_id, level, callback, chat)
) STRICT, WITHOUT ROWID;

INSERT INTO ticket_facets (category_id, status, assignee_id, level, callback, chat, n)
  SELECT category_id, status, coalesce(assignee_id, ''), level, callback_phone IS NOT NULL, channel = 'chat', count(*)
    FROM tickets GROUP BY 1, 2, 3, 4, 5, 6;

CREATE TRIGGER tickets_facets_insert AFTER INSERT ON tickets BEGIN
  INSERT INTO ticket_facets (category_id, status, assignee_id, level, callback, chat, n)
    VALUES (new.category_id, new.status, coalesce(new.assignee_id, ''), new.level, new.callback_phone IS NOT NULL, new.channel = 'chat', 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER tickets_facets_update AFTER UPDATE OF category_id, status, assignee_id, level, callback_phone, channel ON tickets
  WHEN old.category_id IS NOT new.category_id OR old.status IS NOT new.status OR old.assignee_id IS NOT new.assignee_id
    OR old.level IS NOT new.level OR (old.callback_phone IS NULL) IS NOT (new.callback_phone IS NULL)
    OR old.channel IS NOT new.channel BEGIN
  UPDATE ticket_facets SET n = n - 1
   WHERE category_id = old.category_id AND status = old.status AND assignee_id = coalesce(old.assignee_id, '')
     AND level = old.level AND callback = (old.callback_phone IS NOT NULL) AND chat = (old.channel = 'chat');
  INSERT INTO ticket_facets (category_id, status, assignee_id, level, callback, chat, n)
    VALUES (new.category_id, new.status, coalesce(new.assignee_id, ''), new.level, new.callback_phone IS NOT NULL, new.channel = 'chat', 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER tickets_facets_delete AFTER DELETE ON tickets BEGIN
  UPDATE ticket_facets SET n = n - 1
   WHERE category_id = old.category_id AND status = old.status AND assignee_id = coalesce(old.assignee_id, '')
     AND level = old.level AND callback = (old.callback_phone IS NOT NULL) AND chat = (old.channel = 'chat');
END;
`;

export const migration003QueueViews: Migration = {
  version: 3,
  name: 'queue-views',
  up(db) {
    db.exec(SQL);
  },
};
