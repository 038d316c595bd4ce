/** The recovery workspace's state. */
import type { SliceCreator } from '../../store/types.js';

export interface RecoverySlice {
  recoveryReady: boolean;
}

export const createRecoverySlice: SliceCreator<RecoverySlice> = () => ({
  recoveryReady: false,
});
