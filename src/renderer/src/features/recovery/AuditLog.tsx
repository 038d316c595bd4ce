/** The recovery audit log: every decision and document view, filtered, exported as CSV. */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS } from '../../../../shared/entities.js';
import type { AUDIT_ACTIONS as ActionList } from '../../../../shared/entities.js';
import { auditCsv } from '../../../../shared/recovery/audit-csv.js';
import { formatDateTime } from '../../lib/format.js';
import { useStore } from '../../store/index.js';

type Action = (typeof ActionList)[number];

/** A local day (yyyy-mm-dd from a date input) as the UTC instant it starts at, in Europe/Zurich terms of the browser. */
function dayStart(day: string): string | null {
  if (day === '') return null;
  const d = new Date(`${day}T00:00:00`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
function dayEnd(day: string): string | null {
  const start = dayStart(day);
  return start === null ? null : new Date(new Date(start).getTime() + 86_400_000).toISOString();
}

function download(csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `recovery-audit-${new Date().toISOString().slice(0, 10)}.csv`;
  a.click();
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 1000);
}

export function AuditLog() {
  const { t } = useTranslation();
  const language = useStore((s) => s.language);
  const rows = useStore((s) => s.recoveryAudit);
  const filter = useStore((s) => s.recoveryAuditFilter);
  const setFilter = useStore((s) => s.setRecoveryAuditFilter);
  const load = useStore((s) => s.loadRecoveryAudit);
  useEffect(() => {
    void load();
  }, [load]);
  const agents = [...new Map(rows.map((r) => [r.agentId, r.agentName])).entries()];
  return (
    <section className="audit" aria-labelledby="audit-heading" data-testid="audit-log">
      <header className="audit-head">
        <h2 id="audit-heading">{t('recovery.audit.title')}</h2>
        <div className="audit-filters" role="group" aria-label={t('recovery.audit.filters')}>
          <label>
            <span>{t('recovery.audit.from')}</span>
            <input
              type="date"
              data-testid="audit-from"
              onChange={(e) => {
                setFilter({ from: dayStart(e.target.value) });
              }}
            />
          </label>
          <label>
            <span>{t('recovery.audit.to')}</span>
            <input
              type="date"
              data-testid="audit-to"
              onChange={(e) => {
                setFilter({ to: dayEnd(e.target.value) });
              }}
            />
          </label>
          <label>
            <span>{t('recovery.audit.action')}</span>
            <select
              data-testid="audit-action"
              value={filter.action ?? ''}
              onChange={(e) => {
                setFilter({ action: e.target.value === '' ? null : (e.target.value as Action) });
              }}
            >
              <option value="">{t('recovery.audit.all')}</option>
              {AUDIT_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {t(`recovery.auditAction.${a}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('recovery.audit.agent')}</span>
            <select
              data-testid="audit-agent"
              value={filter.agentId ?? ''}
              onChange={(e) => {
                setFilter({ agentId: e.target.value === '' ? null : e.target.value });
              }}
            >
              <option value="">{t('recovery.audit.all')}</option>
              {agents.map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('recovery.audit.request')}</span>
            <input
              type="search"
              data-testid="audit-request"
              inputMode="numeric"
              onChange={(e) => {
                const v = e.target.value.trim();
                setFilter({ recoveryId: v === '' ? null : v });
              }}
            />
          </label>
          <button
            type="button"
            className="button"
            data-testid="audit-export"
            disabled={rows.length === 0}
            onClick={() => {
              download(auditCsv(rows));
            }}
          >
            {t('recovery.audit.export')}
          </button>
        </div>
      </header>
      <table className="audit-table" data-testid="audit-table">
        <thead>
          <tr>
            <th scope="col">{t('recovery.audit.when')}</th>
            <th scope="col">{t('recovery.audit.who')}</th>
            <th scope="col">{t('recovery.audit.action')}</th>
            <th scope="col">{t('recovery.audit.request')}</th>
            <th scope="col">{t('recovery.audit.reason')}</th>
            <th scope="col">{t('recovery.audit.checklist')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid="audit-row" data-action={r.action} data-request={r.recoveryId}>
              <td>{formatDateTime(r.at, language)}</td>
              <td>{r.agentName}</td>
              <td>{t(`recovery.auditAction.${r.action}`)}</td>
              <td>#{r.recoveryId}</td>
              <td>
                {r.reasonCode === null ? '' : t(`recovery.reason.${r.reasonCode}`)}
                {r.documentKind !== null && <span className="muted"> · {t(`recovery.kind.${r.documentKind}`)}</span>}
              </td>
              <td className="audit-checklist">
                {Object.entries(r.checklist)
                  .map(([k, v]) => `${k}: ${v}`)
                  .join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="muted">{t('recovery.audit.empty')}</p>}
    </section>
  );
}
