/**
 * The harness's Content-Security-Policy: the one the app protocol sends in
 * Electron (src/main/shell/csp.ts), with one addition that grants nothing:
 * `report-uri`, so the browser tells the harness about every violation,
 * in the page and in its workers (the pdf.js worker). A `securitypolicyviolation`
 * listener in the page cannot see a worker's violations, and Chromium does
 * not pass a worker's CSP messages to Playwright's console events: the
 * report is the only way the e2e tests learn of them.
 *
 * The bridge needs nothing more: the page, its scripts and the bridge share
 * one origin (http://127.0.0.1:PORT), which `connect-src 'self'` and
 * `script-src 'self'` already allow.
 */
import { z } from 'zod';

export const CSP_REPORT_PATH = '/__harness/csp-violation';

/** The directives the harness adds to the app's policy, and only these (server.test.ts compares the two). */
export const HARNESS_CSP_ADDITIONS: readonly (readonly [string, ...string[]])[] = [['report-uri', CSP_REPORT_PATH]];

export function harnessCspOf(appPolicy: string): string {
  return [appPolicy.replace(/;\s*$/, ''), ...HARNESS_CSP_ADDITIONS.map((d) => d.join(' '))].join('; ');
}

/** A violation the browser reported, in the fields that say what was blocked and where. */
export interface CspViolation {
  /** The page or worker script whose policy was violated. */
  documentUri: string;
  directive: string;
  blockedUri: string;
  sourceFile?: string;
  line?: number;
}

/** What Chromium POSTs to a `report-uri` (content-type application/csp-report). */
const CspReport = z.object({
  'csp-report': z.object({
    'document-uri': z.string(),
    'effective-directive': z.string().optional(),
    'violated-directive': z.string().optional(),
    'blocked-uri': z.string().optional(),
    'source-file': z.string().optional(),
    'line-number': z.number().optional(),
  }),
});

/** The violation a report body describes, or null when the body is not a CSP report. */
export function parseCspReport(body: string): CspViolation | null {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return null;
  }
  const parsed = CspReport.safeParse(json);
  if (!parsed.success) return null;
  const r = parsed.data['csp-report'];
  return {
    documentUri: r['document-uri'],
    directive: r['effective-directive'] ?? r['violated-directive'] ?? '',
    blockedUri: r['blocked-uri'] ?? '',
    ...(r['source-file'] !== undefined ? { sourceFile: r['source-file'] } : {}),
    ...(r['line-number'] !== undefined ? { line: r['line-number'] } : {}),
  };
}

export function describeViolation(v: CspViolation): string {
  const where = v.sourceFile !== undefined ? ` at ${v.sourceFile}:${String(v.line ?? 0)}` : '';
  return `${v.directive} blocked ${v.blockedUri || '(inline)'} in ${v.documentUri}${where}`;
}
