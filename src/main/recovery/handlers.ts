/** IPC handlers of the recovery verification (src/shared/ipc-recovery.ts). */
import type { FeatureDeps } from '../services/feature-deps.js';
import type { RecoveryIpcResults } from '../../shared/ipc-recovery.js';
import type { Handlers } from '../ipc/handle.js';

// eslint-disable-next-line @typescript-eslint/no-generated-empty-object-type -- filled in by the feature's work
export function createRecoveryHandlers(_deps: FeatureDeps): Pick<Handlers, keyof RecoveryIpcResults> {
  return {};
}
