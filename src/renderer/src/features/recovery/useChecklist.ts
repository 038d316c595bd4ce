/** The checklist for components, recomputed only when its inputs change (a fresh object per render would loop). */
import { useMemo } from 'react';
import type { ChecklistResult } from '../../../../shared/recovery/checklist.js';
import { useStore } from '../../store/index.js';
import { checklistOf } from './recovery-slice.js';

export function useChecklist(): ChecklistResult | null {
  const detail = useStore((s) => s.recoveryDetail);
  const docs = useStore((s) => s.recoveryDocs);
  const kind = useStore((s) => s.recoveryKind);
  return useMemo(() => checklistOf(detail, docs, kind), [detail, docs, kind]);
}
