import { describe, expect, it } from 'vitest';
import { auditCsv, csvCell } from './audit-csv.js';

describe('audit CSV', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('+41 79 000')).toBe("'+41 79 000");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('Léa Favre')).toBe('Léa Favre');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
  });
  it('writes a header and one line per entry, checklist as sorted key=value', () => {
    const csv = auditCsv([
      {
        id: '1',
        action: 'reject',
        recoveryId: '42',
        agentId: 'ag-lea',
        agentName: '=cmd|calc',
        at: '2026-03-02T08:00:00.000Z',
        documentId: null,
        checklist: { format_matches: 'pass', document_kind_fits_account: 'fail' },
        reasonCode: 'invoice_not_identity',
        documentKind: 'invoice',
        version: 1,
        updatedAt: '2026-03-02T08:00:00.000Z',
      },
    ]);
    expect(csv.split('\r\n')).toEqual([
      'at,action,recovery_id,agent_id,agent_name,document_id,document_kind,reason_code,checklist',
      "2026-03-02T08:00:00.000Z,reject,42,ag-lea,'=cmd|calc,,invoice,invoice_not_identity,document_kind_fits_account=fail format_matches=pass",
      '',
    ]);
  });
});
