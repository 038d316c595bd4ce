/**
 * The layout's lint rules refuse what they are there to refuse. Each case
 * lints a small bad file with the project's own eslint.config.js, at a path
 * where the rule applies, expects that rule (and only it) to report it, and
 * lints a good twin (the allowed form, or the same code where it belongs)
 * expecting no report at all.
 *
 * The files are virtual (`lintText` with a path): none lives in the tree,
 * where `npm run lint` would fail on it. The typed rules cannot parse a file
 * that no tsconfig holds, so these paths alone are parsed without type
 * information (`disableTypeChecked`, the preset the config already uses for
 * .js files); the layout rules need none, and a test below checks that
 * their options for every case path are the real config's.
 */
import { join } from 'node:path';
import { ESLint } from 'eslint';
import type { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const VIRTUAL = '__lint-case__';

interface LintCase {
  /** What the rule keeps out, as a reader would say it. */
  name: string;
  /** The rule that must report the bad file. */
  rule: string;
  bad: { path: string; code: string };
  good: { path: string; code: string };
}

const at = (dir: string, ext = 'ts'): string => `${dir}/${VIRTUAL}.${ext}`;

const FEATURE = 'src/main/features/tickets';
const CASES: LintCase[] = [
  {
    name: 'the IPC door imports electron at run time (a type is allowed there)',
    rule: 'layout/electron',
    bad: {
      path: at('src/main/ipc'),
      code: "import { app } from 'electron';\nexport const quit = () => { app.quit(); };\n",
    },
    good: {
      path: at('src/main/ipc'),
      code: "import type { App } from 'electron';\nexport type Quitter = Pick<App, 'quit'>;\n",
    },
  },
  {
    name: 'a feature names an electron type (features run in the browser harness too)',
    rule: 'layout/electron',
    bad: {
      path: at(FEATURE),
      code: "import type { App } from 'electron';\nexport type Quitter = Pick<App, 'quit'>;\n",
    },
    good: { path: at(FEATURE), code: 'export type Quitter = () => void;\n' },
  },
  {
    name: 'the shell is where electron runs',
    rule: 'layout/electron',
    bad: {
      path: at('src/main/services'),
      code: "import { app } from 'electron';\nexport const quit = () => { app.quit(); };\n",
    },
    good: {
      path: at('src/main/shell'),
      code: "import { app } from 'electron';\nexport const quit = () => { app.quit(); };\n",
    },
  },
  {
    name: 'the cache runs without electron, not even its types',
    rule: 'layout/electron',
    bad: {
      path: at('src/main/db'),
      code: "import type { App } from 'electron';\nexport type Quitter = Pick<App, 'quit'>;\n",
    },
    good: { path: at('src/main/db'), code: 'export type Quitter = () => void;\n' },
  },
  {
    name: 'a test imports electron instead of the fake',
    rule: 'layout/electron',
    bad: {
      path: at('src/main/shell', 'test.ts'),
      code: "import { app } from 'electron';\nexport const quit = () => { app.quit(); };\n",
    },
    good: {
      path: at('src/main/shell', 'test.ts'),
      code: "import { vi } from 'vitest';\nvi.mock('electron', () => import('./testing/fake-electron.js'));\n",
    },
  },
  {
    name: 'services import better-sqlite3 (the cache is opened in db/)',
    rule: 'layout/better-sqlite3',
    bad: {
      path: at('src/main/services'),
      code: "import Database from 'better-sqlite3-multiple-ciphers';\nexport const open = (file: string) => new Database(file);\n",
    },
    good: {
      path: at('src/main/db'),
      code: "import Database from 'better-sqlite3-multiple-ciphers';\nexport const open = (file: string) => new Database(file);\n",
    },
  },
  {
    name: 'a feature takes the connection by its type (features get readers)',
    rule: 'layout/better-sqlite3',
    bad: {
      path: at(FEATURE),
      code: "import type { Database } from 'better-sqlite3-multiple-ciphers';\nexport type Deps = { db: Database };\n",
    },
    good: {
      path: at(FEATURE),
      code: "import type { CacheReader } from '../../db/index.js';\nexport type Deps = { reader: CacheReader };\n",
    },
  },
  {
    name: 'a feature runs SQL on a connection it was handed',
    rule: 'no-restricted-syntax',
    bad: {
      path: at(FEATURE),
      code: "export const count = (db: { prepare(sql: string): { get(): unknown } }) =>\n  db.prepare('SELECT COUNT(*) FROM tickets').get();\n",
    },
    good: {
      path: at('src/main/db'),
      code: "export const count = (db: { prepare(sql: string): { get(): unknown } }) =>\n  db.prepare('SELECT COUNT(*) FROM tickets').get();\n",
    },
  },
  {
    name: 'the shell sets a pragma',
    rule: 'no-restricted-syntax',
    bad: {
      path: at('src/main/shell'),
      code: "export const checkpoint = (db: { pragma(sql: string): unknown }) => db.pragma('wal_checkpoint(TRUNCATE)');\n",
    },
    good: {
      path: at('src/main/sync'),
      code: "export const checkpoint = (db: { pragma(sql: string): unknown }) => db.pragma('wal_checkpoint(TRUNCATE)');\n",
    },
  },
  {
    name: 'the harness imports electron at run time',
    rule: 'layout/electron',
    bad: {
      path: at('src/harness'),
      code: "import { ipcMain } from 'electron';\nexport const door = ipcMain;\n",
    },
    good: {
      path: at('src/harness'),
      code: "import type { IpcMainInvokeEvent } from 'electron';\nexport type Call = IpcMainInvokeEvent;\n",
    },
  },
  {
    name: "the harness imports the renderer's sources",
    rule: 'layout/renderer',
    bad: {
      path: at('src/harness'),
      code: "import { call } from '../renderer/src/lib/api.js';\nexport const invoke = call;\n",
    },
    good: {
      path: at('src/harness'),
      code: "import { INVOKE_CHANNELS } from '../shared/ipc.js';\nexport const channels = INVOKE_CHANNELS;\n",
    },
  },
  {
    name: 'the harness imports main beyond the services, the IPC door and the app protocol',
    rule: 'layout/harness-reach',
    bad: { path: at('src/harness'), code: "import '../main/index.js';\n" },
    good: {
      path: at('src/harness'),
      code: [
        "import { createConsoleServices } from '../main/services/index.js';",
        "import { registerHandlers } from '../main/ipc/handle.js';",
        "import { createAppProtocolHandler } from '../main/shell/protocol.js';",
        "import { CONTENT_SECURITY_POLICY } from '../main/shell/csp.js';",
        'export const parts = [createConsoleServices, registerHandlers, createAppProtocolHandler, CONTENT_SECURITY_POLICY];',
        '',
      ].join('\n'),
    },
  },
  {
    name: 'a feature imports the services that compose it',
    rule: 'layout/features',
    bad: {
      path: at(FEATURE),
      code: "import type { ConsoleServices } from '../../services/index.js';\nexport type Deps = ConsoleServices;\n",
    },
    good: {
      path: at(FEATURE),
      code: "import type { FeatureDeps } from '../feature-deps.js';\nexport type Deps = FeatureDeps;\n",
    },
  },
  {
    name: 'main imports the harness (only tests do)',
    rule: 'layout/harness',
    bad: {
      path: at('src/main/services'),
      code: "import { PROJECT_ROOT } from '../../harness/build.js';\nexport const root = PROJECT_ROOT;\n",
    },
    good: {
      path: at('src/main/services', 'test.ts'),
      code: "import { PROJECT_ROOT } from '../../harness/build.js';\nexport const root = PROJECT_ROOT;\n",
    },
  },
  {
    name: 'main imports the reference backend (the embedded default and tests may)',
    rule: 'layout/server',
    bad: {
      path: at('src/main/services'),
      code: "import { startReferenceBackend } from '../../server/index.js';\nexport const start = startReferenceBackend;\n",
    },
    good: {
      path: at('src/main/services', 'test.ts'),
      code: "import { startReferenceBackend } from '../../server/index.js';\nexport const start = startReferenceBackend;\n",
    },
  },
  {
    name: 'shared imports node',
    rule: 'layout/node',
    bad: {
      path: at('src/shared'),
      code: "import { createHash } from 'node:crypto';\nexport const hash = createHash;\n",
    },
    good: {
      path: at('src/shared'),
      code: "import { canonicalJson } from './canonical-json.js';\nexport const json = canonicalJson;\n",
    },
  },
  {
    name: 'shared imports a node module by its bare name',
    rule: 'layout/node',
    bad: { path: at('src/shared'), code: "import { readFileSync } from 'fs';\nexport const read = readFileSync;\n" },
    good: { path: at('src/shared'), code: "import { z } from 'zod';\nexport const name = z.string();\n" },
  },
  {
    name: 'the renderer imports main (it calls main through lib/api.ts)',
    rule: 'layout/main',
    bad: {
      path: at('src/renderer/src/features/queue', 'tsx'),
      code: "import { openCache } from '../../../../main/db/index.js';\nexport const open = openCache;\n",
    },
    good: {
      path: at('src/renderer/src/features/queue', 'tsx'),
      code: "import { call } from '../../lib/api.js';\nexport const invoke = call;\n",
    },
  },
];

/** The project's config, as `npm run lint` runs it. */
const real = new ESLint({ cwd: ROOT });
/** The same, with the case files parsed without type information (they are in no tsconfig). */
const virtual = new ESLint({
  cwd: ROOT,
  overrideConfig: [{ files: [`**/${VIRTUAL}.*`], ...tseslint.configs.disableTypeChecked }],
});

async function rulesReported(path: string, code: string): Promise<(string | null)[]> {
  const [result] = await virtual.lintText(code, { filePath: join(ROOT, path) });
  if (!result) throw new Error(`ESLint returned nothing for ${path}`);
  return result.messages.map((m) => m.ruleId);
}

/** The options of the layout's rules (and of no-restricted-syntax) that apply to a path. */
async function layoutRulesFor(eslint: ESLint, path: string): Promise<Partial<Linter.RulesRecord>> {
  const config = (await eslint.calculateConfigForFile(join(ROOT, path))) as Linter.Config;
  const rules = config.rules ?? {};
  return Object.fromEntries(
    Object.entries(rules).filter(([id]) => id.startsWith('layout/') || id === 'no-restricted-syntax'),
  );
}

describe('the layout lint rules', () => {
  let layoutRuleIds: string[] = [];

  beforeAll(async () => {
    const config = (await real.calculateConfigForFile(join(ROOT, at('src/shared')))) as Linter.Config;
    layoutRuleIds = Object.keys(config.plugins?.layout?.rules ?? {}).map((name) => `layout/${name}`);
  });

  it.each(CASES)('refuses: $name', async ({ rule, bad }) => {
    expect(await rulesReported(bad.path, bad.code)).toEqual([rule]);
  });

  it.each(CASES)('lets the good twin pass: $name', async ({ good }) => {
    expect(await rulesReported(good.path, good.code)).toEqual([]);
  });

  it('has a case for every layout rule', () => {
    expect(layoutRuleIds.length).toBeGreaterThan(0);
    const covered = new Set(CASES.map((c) => c.rule));
    expect(layoutRuleIds.filter((id) => !covered.has(id))).toEqual([]);
  });

  it("lints the case files with the real config's layout rules", async () => {
    const paths = [...new Set(CASES.flatMap((c) => [c.bad.path, c.good.path]))];
    for (const path of paths) {
      expect(await layoutRulesFor(virtual, path), path).toEqual(await layoutRulesFor(real, path));
    }
  });
});
