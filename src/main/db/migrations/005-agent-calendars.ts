import type { Migration } from './types.js';

/**
 * Experts' calendars: working days and absences travel in the agent
 * record (`calendar`, JSON or NULL). Rows cached before this step read NULL,
 * which the callback rules take as Monday to Friday without absence, until the
 * backend next sends the agent.
 */
export const migration005AgentCalendars: Migration = {
  version: 5,
  name: '005-agent-calendars',
  up(db) {
    db.exec('ALTER TABLE agents ADD COLUMN calendar TEXT');
  },
};
