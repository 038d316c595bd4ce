/**
 * Everything the generators share for one run: options, clock, name pools and
 * the team. Built once per seedDataset() call.
 */
import { DateTime } from 'luxon';
import type { Agent, Language } from '../../shared/entities.js';
import { LANGUAGES } from '../../shared/entities.js';
import type { NamePools } from './people.js';
import { People, buildNamePools } from './people.js';
import { buildAgentRows } from './staff.js';
import type { SeedAgentRow } from './sink.js';

export const ZONE = 'Europe/Zurich';
/** Used when no `now` is given, so that a seed is reproducible on any day. */
export const DEFAULT_NOW = new Date('2026-03-16T09:30:00.000Z');
export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

export interface Counts {
  readonly accounts: number;
  readonly tickets: number;
  readonly recoveries: number;
  readonly callbacks: number;
  readonly agents: number;
}

export interface Team {
  readonly rows: readonly SeedAgentRow[];
  readonly agents: readonly Agent[];
  /** Level-one agents who read the language, falling back to everyone with the role. */
  readonly agentsFor: Record<Language, readonly Agent[]>;
  readonly expertsFor: Record<Language, readonly Agent[]>;
  readonly experts: readonly Agent[];
  readonly verifiers: readonly Agent[];
}

export interface World {
  readonly seed: number;
  readonly now: Date;
  readonly nowMs: number;
  readonly counts: Counts;
  readonly pools: NamePools;
  readonly people: People;
  readonly team: Team;
  /** Today's date in Zurich (Priority Support ends at the end of a Zurich day). */
  readonly today: string;
}

function byLanguage(agents: readonly Agent[]): Record<Language, readonly Agent[]> {
  const out = {} as Record<Language, readonly Agent[]>;
  for (const lang of LANGUAGES) {
    const speakers = agents.filter((a) => a.languages.includes(lang));
    out[lang] = speakers.length > 0 ? speakers : agents;
  }
  return out;
}

export function buildWorld(seed: number, now: Date, counts: Counts): World {
  const pools = buildNamePools(seed);
  const zurich = DateTime.fromJSDate(now, { zone: ZONE });
  const base = Date.UTC(zurich.year, zurich.month - 1, zurich.day);
  const dayFromToday = (offset: number): string => new Date(base + offset * DAY_MS).toISOString().slice(0, 10);
  const rows = buildAgentRows(seed, pools, counts.agents, new Date(now.getTime() - 400 * DAY_MS).toISOString());
  const agents = rows.map((r) => r.agent);
  const withRole = (role: Agent['roles'][number]): Agent[] => agents.filter((a) => a.roles.includes(role));
  return {
    seed,
    now,
    nowMs: now.getTime(),
    counts,
    pools,
    people: new People(seed, pools, dayFromToday),
    team: {
      rows,
      agents,
      agentsFor: byLanguage(withRole('agent')),
      expertsFor: byLanguage(withRole('expert')),
      experts: withRole('expert'),
      verifiers: withRole('verifier'),
    },
    today: dayFromToday(0),
  };
}
