/**
 * The verdict in words, for the decision bar and the queue: the failed rules
 * when approval is impossible, each step left when it is pending. Every
 * reason at once: fixing one and finding the next is a slow way to learn the rules.
 */
import type { TFunction } from 'i18next';
import type { ChecklistItem } from '../../../../shared/recovery/checklist.js';
import { cleanFileName } from '../../../../shared/documents/file-name.js';
import type { PendingStep, RefusedDocument } from '../../../../shared/recovery/verdict.js';

export function failedText(
  t: TFunction,
  failed: readonly ChecklistItem[],
  refused: readonly RefusedDocument[] = [],
): string {
  return [
    ...failed.map((b) => t(b.key, { fields: (b.fields ?? []).map((f) => t(`recovery.field.${f}`)).join(', ') })),
    ...refused.map((r) =>
      t('recovery.refusedDocument', { name: cleanFileName(r.fileName), why: t(`recovery.refusal.${r.reason}`) }),
    ),
  ].join(' ');
}

export function pendingText(t: TFunction, pending: readonly PendingStep[]): string {
  return pending
    .map((p) => {
      const name = cleanFileName(p.fileName);
      const step = t(`recovery.step.${p.step}`, { name });
      return p.step === 'confirm_kind' && p.suggested !== null
        ? `${step} (${t('recovery.kind.suggested', { kind: t(`recovery.kind.${p.suggested}`) })})`
        : step;
    })
    .join(' ');
}
