/** IPC handlers of the priority callbacks (src/shared/ipc-callbacks.ts). */
import type { FeatureDeps } from '../services/feature-deps.js';
import type { CallbackIpcResults } from '../../shared/ipc-callbacks.js';
import type { Handlers } from '../ipc/handle.js';

// eslint-disable-next-line @typescript-eslint/no-generated-empty-object-type -- filled in by the feature's work
export function createCallbackHandlers(_deps: FeatureDeps): Pick<Handlers, keyof CallbackIpcResults> {
  return {};
}
