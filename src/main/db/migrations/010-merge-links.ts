import type { Migration } from './types.js';

/**
 * Merges link both ways and carry the duplicate's conversation over: a
 * ticket lists the tickets merged into it (`merged_from`, JSON), a message
 * copied from one of them names it (`merged_from_id`) and may bring the
 * files of its opening message (`attachments`, JSON). All three are absent
 * on older records (NULL, and the field stays absent from the record, as the
 * backend sends it). The outbox holds a merge a few seconds before sending
 * it, so the agent can undo it: `not_before` is when an entry may leave
 * (NULL: at once).
 */
export const migration010MergeLinks: Migration = {
  version: 10,
  name: 'merge-links',
  up(db) {
    db.exec(`
      ALTER TABLE tickets ADD COLUMN merged_from TEXT;
      ALTER TABLE messages ADD COLUMN merged_from_id TEXT;
      ALTER TABLE messages ADD COLUMN attachments TEXT;
      ALTER TABLE outbox ADD COLUMN not_before TEXT;
    `);
  },
};
