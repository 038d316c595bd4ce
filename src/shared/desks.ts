/**
 * The console's desks in landing order, each with the role that works there
 * (docs/product-rules.md#roles): a person lands on the first desk their roles
 * open and is offered no other. The renderer's tabs, keys and palette and the
 * desktop app's menu all read this one table.
 */
import type { Role } from './entities.js';

export const DESKS = [
  { desk: 'triage', role: 'agent' },
  { desk: 'recovery', role: 'verifier' },
  { desk: 'callbacks', role: 'expert' },
] as const satisfies readonly { desk: string; role: Role }[];

export type Desk = (typeof DESKS)[number]['desk'];
