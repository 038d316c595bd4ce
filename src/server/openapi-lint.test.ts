/**
 * docs/openapi.yaml passes Redocly's `recommended` ruleset with no error and
 * no warning: a third party reads it with standard tools, which must not
 * misread it (a plain YAML `description: a, b` inside a flow mapping once
 * turned "b" into a property name).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { describe, expect, it } from 'vitest';

const SPEC = fileURLToPath(new URL('../../docs/openapi.yaml', import.meta.url));

describe('docs/openapi.yaml under a standard OpenAPI linter', () => {
  it("has no problem under Redocly's recommended rules", async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: readFileSync(SPEC, 'utf8'), absoluteRef: SPEC, config });
    const listed = problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer ?? ''}: ${p.message}`);
    expect(listed).toEqual([]);
  });

  it('reports a description cut at its comma, as it did before the fix', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const broken = readFileSync(SPEC, 'utf8').replace(
      /declaredName: \{[^\n]*\}/,
      'declaredName: { type: string, maxLength: 500, description: Display only, never a path. }',
    );
    const problems = await lintFromString({ source: broken, absoluteRef: SPEC, config });
    expect(problems.map((p) => `${p.ruleId} ${p.message}`)).toContain(
      'struct Property `never a path.` is not expected here.',
    );
  });
});
