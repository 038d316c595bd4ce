/** Runs the chosen scenarios in one world, in order, and reports each as soon as it ends. */
import { DAMAGE_SCENARIOS } from './damage.js';
import { SCENARIOS as FAULT_SCENARIOS } from './scenarios.js';
import type { ScenarioResult } from './scenarios.js';
import { prng, startWorld } from './world.js';

export interface ChaosOptions {
  n: number;
  tickets: number;
  seed: number;
  /** Scenario names; null runs them all. */
  only: readonly string[] | null;
  onResult: (line: ScenarioResult & { seconds: number }) => void;
  onProgress?: (message: string) => void;
}

const SCENARIOS = [...FAULT_SCENARIOS, ...DAMAGE_SCENARIOS];

export async function runChaos(o: ChaosOptions): Promise<ScenarioResult[]> {
  const chosen = o.only === null ? SCENARIOS : SCENARIOS.filter((s) => o.only?.includes(s.name));
  const unknown = (o.only ?? []).filter((name) => !SCENARIOS.some((s) => s.name === name));
  if (unknown.length > 0) throw new Error(`unknown scenario(s): ${unknown.join(', ')}`);
  const world = await startWorld(o.tickets);
  const random = prng(o.seed);
  const results: ScenarioResult[] = [];
  try {
    for (const scenario of chosen) {
      o.onProgress?.(`chaos: ${scenario.name}…`);
      const started = performance.now();
      const result = await scenario.run({ world, n: o.n, random });
      results.push(result);
      o.onResult({ ...result, seconds: Math.round((performance.now() - started) / 100) / 10 });
    }
  } finally {
    await world.close();
  }
  return results;
}
