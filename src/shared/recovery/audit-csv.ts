/**
 * The audit log as CSV (RFC 4180: comma, CRLF, fields quoted when needed),
 * safe to open in a spreadsheet: a cell that starts with = + - @ (or a tab
 * or carriage return) would be read as a formula, so it gets a leading
 * apostrophe (OWASP "CSV injection").
 */
import type { AuditEntry } from '../entities.js';

export interface AuditCsvRow extends AuditEntry {
  agentName: string;
}

const HEADER = [
  'at',
  'action',
  'recovery_id',
  'agent_id',
  'agent_name',
  'document_id',
  'document_kind',
  'reason_code',
  'checklist',
] as const;

const FORMULA_START = /^[=+\-@\t\r]/u;

export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/u.test(safe) ? `"${safe.replace(/"/gu, '""')}"` : safe;
}

export function auditCsv(rows: readonly AuditCsvRow[]): string {
  const lines = [HEADER.join(',')];
  for (const r of rows) {
    const checklist = Object.entries(r.checklist)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    lines.push(
      [
        r.at,
        r.action,
        r.recoveryId,
        r.agentId,
        r.agentName,
        r.documentId ?? '',
        r.documentKind ?? '',
        r.reasonCode ?? '',
        checklist,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
