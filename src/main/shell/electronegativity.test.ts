/**
 * Electronegativity (static checks of Electron security anti-patterns) over
 * src/. It exits 0 even when it finds problems, so this test reads its CSV
 * report and fails on any finding of MEDIUM severity or above that the
 * allowlist (electronegativity-allowlist.json, each entry with its reason)
 * does not accept. A second scan of a deliberately unsafe window proves the
 * gate can fail.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = join(root, 'node_modules/@doyensec/electronegativity/dist/index.js');
const BLOCKING = new Set(['MEDIUM', 'HIGH', 'CRITICAL']);
const KNOWN = new Set(['INFORMATIONAL', 'LOW', ...BLOCKING]);

const Allowlist = z.object({
  accepted: z.array(z.object({ issue: z.string().min(1), file: z.string().min(1), reason: z.string().min(40) })),
});

interface Finding {
  issue: string;
  severity: string;
  file: string;
  location: string;
  sample: string;
}

/** RFC 4180 rows: quoted fields may hold commas, quotes ("") and newlines. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

/** A check's id as electronegativity names it, e.g. CONTEXT_ISOLATION_JS_CHECK. */
const CHECK_ID = /^[A-Z0-9_]+$/;

/**
 * One report, read back. The tool writes its CSV header and its rows with two
 * writeFile calls it does not wait for (one truncating, one appending), so on a
 * busy machine the two can land out of order and the report comes out garbled
 * or cut. A report whose rows are not all check ids is scanned again (three
 * tries); every scan here finds something, so a cut report cannot pass as clean.
 */
async function scan(input: string, prefix: string): Promise<Finding[]> {
  const electron = (
    JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  let last = '';
  for (let attempt = 1; attempt <= 3; attempt++) {
    const out = join(mkdtempSync(join(tmpdir(), 'electronegativity-')), 'out.csv');
    await run(process.execPath, [CLI, '-i', input, '-o', out, '-r', '-e', electron], { timeout: 120_000 });
    last = readFileSync(out, 'utf8');
    const findings = readReport(last, prefix);
    if (findings !== null && findings.length > 0 && findings.every((f) => CHECK_ID.test(f.issue))) return findings;
  }
  throw new Error(`electronegativity wrote no readable report in three scans; the last one:\n${last}`);
}

function readReport(text: string, prefix: string): Finding[] | null {
  const [header, ...rows] = parseCsv(text);
  const col = (name: string): number => (header ?? []).findIndex((h) => h.trim() === name);
  const [issue, severity, file, location, sample] = ['issue', 'severity', 'filename', 'location', 'sample'].map(col);
  if ([issue, severity, file, location, sample].some((i) => i === undefined || i < 0)) return null;
  return rows.map((r) => ({
    issue: r[issue ?? 0] ?? '',
    severity: (r[severity ?? 0] ?? '').trim().toUpperCase(),
    file: `${prefix}${r[file ?? 0] ?? ''}`,
    location: r[location ?? 0] ?? '',
    sample: r[sample ?? 0] ?? '',
  }));
}

const allowlist = Allowlist.parse(JSON.parse(readFileSync(join(root, 'electronegativity-allowlist.json'), 'utf8')));
const accepted = (f: Finding) => allowlist.accepted.some((a) => a.issue === f.issue && a.file === f.file);

describe('Electronegativity', () => {
  it(
    'finds nothing of medium severity or above in src/ that the allowlist does not accept',
    { timeout: 180_000 },
    async () => {
      const unsafe = mkdtempSync(join(tmpdir(), 'electronegativity-unsafe-'));
      writeFileSync(
        join(unsafe, 'window.ts'),
        "import { BrowserWindow } from 'electron';\nexport const w = new BrowserWindow({ webPreferences: { contextIsolation: false } });\n",
      );
      const [findings, unsafeFindings] = await Promise.all([scan(join(root, 'src'), 'src/'), scan(unsafe, '')]);

      // The scan ran over our files (the page's CSP is always reported, at LOW).
      expect(findings.some((f) => f.file === 'src/renderer/index.html')).toBe(true);
      // The gate works: an unsafe window is a HIGH finding.
      expect(unsafeFindings).toContainEqual(
        expect.objectContaining({ issue: 'CONTEXT_ISOLATION_JS_CHECK', severity: 'HIGH' }),
      );

      for (const f of findings) expect(KNOWN.has(f.severity), `unknown severity ${f.severity}`).toBe(true);
      const blocking = findings.filter((f) => BLOCKING.has(f.severity) && !accepted(f));
      expect(blocking.map((f) => `${f.severity} ${f.issue} ${f.file}:${f.location} ${f.sample.slice(0, 120)}`)).toEqual(
        [],
      );

      // No stale entries: each accepted finding still exists.
      for (const a of allowlist.accepted)
        expect(
          findings.some((f) => f.issue === a.issue && f.file === a.file),
          `${a.issue} ${a.file}`,
        ).toBe(true);
    },
  );

  it('reads quoted CSV fields with commas, quotes and newlines', () => {
    expect(parseCsv('a, b\n"x, y","say ""hi""","two\nlines"\r\n')).toEqual([
      ['a', ' b'],
      ['x, y', 'say "hi"', 'two\nlines'],
    ]);
  });
});
