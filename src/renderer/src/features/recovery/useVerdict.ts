/** The verdict for components, recomputed only when its inputs change (a fresh object per render would loop). */
import { useMemo } from 'react';
import type { RecoveryVerdict } from '../../../../shared/recovery/verdict.js';
import { useStore } from '../../store/index.js';
import { verdictOf } from './recovery-slice.js';

export function useVerdict(): RecoveryVerdict | null {
  const detail = useStore((s) => s.recoveryDetail);
  const docs = useStore((s) => s.recoveryDocs);
  const kinds = useStore((s) => s.recoveryKinds);
  return useMemo(() => verdictOf(detail, docs, kinds), [detail, docs, kinds]);
}
