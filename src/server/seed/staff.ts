/**
 * Categories and the support team: the four demo logins the docs and e2e
 * tests rely on, ~20 generated colleagues, and the portal's intake login.
 */
import type { Agent, Category, ExpertCalendar, Language, Role } from '../../shared/entities.js';
import { addDays, zurichDay } from '../../shared/callbacks/calendar.js';
import type { NamePools } from './people.js';
import { Rng, STREAM, weighted } from './random.js';
import { CATEGORY_IDS, CATEGORY_NAMES } from './vocab.js';
import type { SeedAgentRow } from './sink.js';

export function buildCategories(updatedAt: string): Category[] {
  return CATEGORY_IDS.map((id, position) => ({
    id,
    names: { ...CATEGORY_NAMES[id] },
    position,
    version: 1,
    updatedAt,
  }));
}

export interface DemoAgent {
  readonly id: string;
  readonly login: string;
  readonly password: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly languages: readonly Language[];
}

/** Logins documented in the README and used by the e2e tests; keep them stable. */
export const DEMO_AGENTS: readonly DemoAgent[] = [
  {
    id: 'ag-lea',
    login: 'lea',
    password: 'demo',
    name: 'Léa Favre',
    roles: ['agent', 'verifier', 'expert'],
    languages: ['fr', 'de', 'en'],
  },
  {
    id: 'ag-marco',
    login: 'marco',
    password: 'demo',
    name: 'Marco Bernasconi',
    roles: ['agent'],
    languages: ['it', 'de', 'en'],
  },
  {
    id: 'ag-jonas',
    login: 'jonas',
    password: 'demo',
    name: 'Jonas Meier',
    roles: ['verifier'],
    languages: ['de', 'en'],
  },
  {
    id: 'ag-sophie',
    login: 'sophie',
    password: 'demo',
    name: 'Sophie Rochat',
    roles: ['expert'],
    languages: ['fr', 'en'],
  },
];

/**
 * The customer portal's service login (internal role "intake"). It is not
 * passed to SeedSink.agents(): that call stores an Agent record, which would
 * put the portal into the change feed and give it a console role. The backend
 * creates it with Credentials.ensureServiceLogin(login, password, 'intake', name).
 */
export const INTAKE_LOGIN = {
  login: 'portal',
  password: 'portal',
  extraRoles: ['intake'],
  displayName: 'Customer portal',
} as const;

const AGENT_DOMAIN = 'helpdesk.example.ch';

/** Most of the desk works the queues; a few verify recoveries or take level-two calls. */
const ROLE_MIXES = weighted<readonly Role[]>([
  [['agent'], 50],
  [['agent', 'verifier'], 15],
  [['agent', 'expert'], 12],
  [['expert'], 10],
  [['verifier'], 8],
  [['agent', 'verifier', 'expert'], 5],
]);

const LANGUAGE_SETS = weighted<readonly Language[]>([
  [['de', 'en'], 40],
  [['fr', 'en'], 22],
  [['de', 'fr', 'en'], 18],
  [['it', 'de'], 10],
  [['it', 'fr', 'en'], 5],
  [['de'], 5],
]);

function agentEmail(name: string): string {
  const local = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.+|\.+$/g, '');
  return `${local}@${AGENT_DOMAIN}`;
}

/**
 * Experts' calendars, derived from their position rather than drawn from the
 * seed's random streams (so adding calendars changed no other seeded value):
 * most work Monday to Friday, every third one four days, and every fourth one
 * is away the first seven days of every other month for three years from `from`.
 */
export function expertCalendar(index: number, roles: readonly Role[], from: string): ExpertCalendar | null {
  if (!roles.includes('expert')) return null;
  const workingDays = index % 3 === 2 ? [1, 2, 3, 4] : index % 3 === 1 ? [1, 2, 4, 5] : [1, 2, 3, 4, 5];
  if (index % 4 !== 3) return { workingDays, absences: [] };
  const year = Number(zurichDay(from).slice(0, 4));
  const absences: ExpertCalendar['absences'] = [];
  for (let y = year; y < year + 3; y++) {
    for (let m = 1 + (index % 2); m <= 12; m += 2) {
      const first = `${String(y)}-${String(m).padStart(2, '0')}-01`;
      absences.push({ from: first, to: addDays(first, 6) });
    }
  }
  return { workingDays, absences };
}

export function buildAgentRows(seed: number, pools: NamePools, count: number, updatedAt: string): SeedAgentRow[] {
  const rows: SeedAgentRow[] = DEMO_AGENTS.map((d) => ({
    agent: {
      id: d.id,
      name: d.name,
      email: agentEmail(d.name),
      roles: [...d.roles],
      languages: [...d.languages],
      // The demo experts work every weekday: the docs and e2e tests book them any business day.
      calendar: d.roles.includes('expert') ? { workingDays: [1, 2, 3, 4, 5], absences: [] } : null,
      version: 1,
      updatedAt,
    },
    login: d.login,
    password: d.password,
  }));
  const rng = new Rng(seed, STREAM.agents);
  const taken = new Set(rows.map((r) => r.agent.email));
  for (let i = 1; i <= count; i++) {
    const languages = rng.choose(LANGUAGE_SETS);
    const home = languages[0] ?? 'de';
    let name = '';
    // Retry on a name clash so that logins and e-mails stay unique.
    for (let attempt = 0; attempt < 20 && (name === '' || taken.has(agentEmail(name))); attempt++) {
      name = `${rng.pick(pools.first[home]).name} ${rng.pick(pools.last[home]).name}`;
    }
    if (taken.has(agentEmail(name))) name = `${name} ${i}`;
    taken.add(agentEmail(name));
    const roles = [...rng.choose(ROLE_MIXES)];
    const agent: Agent = {
      id: `ag-${String(i).padStart(3, '0')}`,
      name,
      email: agentEmail(name),
      roles,
      languages: [...languages],
      calendar: expertCalendar(i, roles, updatedAt),
      version: 1,
      updatedAt,
    };
    rows.push({ agent, login: agentEmail(name).split('@')[0] ?? agent.id, password: 'demo' });
  }
  return rows;
}
