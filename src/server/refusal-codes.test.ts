/**
 * Every refusal the backend can give carries a code of src/shared/refusal-codes.ts,
 * so the console can say it in the person's language. Read from the source
 * with TypeScript's own checker: each `new HttpError(…)`, `refuse(…)` and
 * `conflict(…)`, and each error body written by hand (`{ reason, message }`),
 * must have a reason whose type is made only of listed codes. A reason typed
 * as a bare string (a code the list does not know) fails the test.
 */
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REFUSAL_CODES } from '../shared/refusal-codes.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SERVER = path.join(ROOT, 'src', 'server');

interface Use {
  where: string;
  codes: string[] | null;
}

/** The string literals a type is made of, or null when it holds anything else (a bare string). */
function literals(type: ts.Type): string[] | null {
  const parts = type.isUnion() ? type.types : [type];
  const out: string[] = [];
  for (const p of parts) {
    if (!p.isStringLiteral()) return null;
    out.push(p.value);
  }
  return out;
}

/** The reason argument of each refusal built in the backend's source, with the codes its type allows. */
function refusalsInSource(): Use[] {
  const configFile = ts.readConfigFile(path.join(ROOT, 'tsconfig.node.json'), (f) => ts.sys.readFile(f));
  const config = ts.parseJsonConfigFileContent(configFile.config, ts.sys, ROOT);
  const files = config.fileNames.filter(
    (f) => f.startsWith(SERVER + path.sep) && !f.endsWith('.test.ts') && !f.includes(`${path.sep}testing${path.sep}`),
  );
  const program = ts.createProgram(files, config.options);
  const checker = program.getTypeChecker();
  const uses: Use[] = [];
  const record = (node: ts.Node, reason: ts.Node): void => {
    const source = node.getSourceFile();
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    uses.push({
      where: `${path.relative(ROOT, source.fileName)}:${line + 1}`,
      codes: literals(checker.getTypeAtLocation(reason)),
    });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'HttpError') {
      const reason = node.arguments?.[1];
      if (reason !== undefined) record(node, reason);
    }
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      (node.expression.text === 'refuse' || node.expression.text === 'conflict')
    ) {
      const reason = node.arguments[0];
      if (reason !== undefined) record(node, reason);
    }
    // A body written by hand: { error: { reason, message } }.
    if (
      ts.isPropertyAssignment(node) &&
      node.name.getText() === 'error' &&
      ts.isObjectLiteralExpression(node.initializer)
    ) {
      for (const p of node.initializer.properties) {
        if (ts.isPropertyAssignment(p) && p.name.getText() === 'reason') record(p, p.initializer);
        if (ts.isShorthandPropertyAssignment(p) && p.name.text === 'reason') record(p, p.name);
      }
    }
    ts.forEachChild(node, visit);
  };
  for (const file of program.getSourceFiles()) if (files.includes(file.fileName)) visit(file);
  return uses;
}

describe('refusal codes', () => {
  // Type-checking the backend's source takes 15 to 30 s on two busy cores.
  it('every refusal the backend builds has a listed code', { timeout: 120_000 }, () => {
    const uses = refusalsInSource();
    const listed = new Set<string>(REFUSAL_CODES);
    const unlisted = uses.filter((u) => u.codes === null || u.codes.some((c) => !listed.has(c)));
    expect(unlisted).toEqual([]);
    // The walk found the refusals it is about (the rules, the routes, the error handler, the faults).
    const files = new Set(uses.map((u) => u.where.split(':')[0]));
    for (const f of [
      'rules/common.ts',
      'rules/recovery.ts',
      'rules/tickets.ts',
      'rules/callbacks.ts',
      'routes/auth.ts',
      'http/errors.ts',
      'faults.ts',
    ])
      expect(files).toContain(`src/server/${f}`);
    expect(uses.length).toBeGreaterThan(40);
  });

  it('lists each code once', () => {
    expect(new Set(REFUSAL_CODES).size).toBe(REFUSAL_CODES.length);
  });
});
