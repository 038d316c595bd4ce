/** Names of referenced records in the UI language, with the id as a last resort. */
import type { UiLanguage } from '../../../shared/ipc.js';
import type { Agent, Category } from '../../../shared/entities.js';

export function categoryName(categories: readonly Category[], id: string, language: UiLanguage): string {
  return categories.find((c) => c.id === id)?.names[language] ?? id;
}

export function agentName(agents: readonly Agent[], id: string | null): string | null {
  if (id === null) return null;
  return agents.find((a) => a.id === id)?.name ?? id;
}
