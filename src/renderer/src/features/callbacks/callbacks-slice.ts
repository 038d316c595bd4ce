/** The callbacks workspace's state. */
import type { SliceCreator } from '../../store/types.js';

export interface CallbacksSlice {
  callbacksReady: boolean;
}

export const createCallbacksSlice: SliceCreator<CallbacksSlice> = () => ({
  callbacksReady: false,
});
