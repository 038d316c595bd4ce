/**
 * The part of the feed a caller receives, from their roles as they are at
 * this call (docs/openapi.yaml, "Role scopes"): the kinds, and the mask the
 * cursor carries so that a cursor minted under another scope is refused.
 */
import { feedKindsFor } from '../../shared/feed-scopes.js';
import type { EntityKind } from '../../shared/entities.js';
import { scopeMask } from './cursor.js';

export interface FeedScope {
  /** In bootstrap order. */
  readonly kinds: readonly EntityKind[];
  readonly mask: number;
}

export function feedScopeOf(roles: readonly string[]): FeedScope {
  const kinds = feedKindsFor(roles);
  return { kinds, mask: scopeMask(kinds) };
}

export function inScope(scope: FeedScope, kind: EntityKind): boolean {
  return (scope.mask & scopeMask([kind])) !== 0;
}
