/**
 * Every source file is introduced by a README: each .ts, .tsx and .mjs file
 * under src/ is named in the README.md of its nearest folder that has one,
 * and each top folder of src/ has a README that says what it may import.
 *
 * Counted: every source file git knows or would add, test support under
 * `testing/` folders included (other folders' tests import it, so a reader
 * needs to find it). A test `x.test.ts` beside its subject `x.ts` is not
 * counted (naming `x.ts` places it); a test with no such subject (one that
 * runs several files, or the built app) is, since nothing else says where
 * it belongs.
 *
 * A file is named by its path from the README's folder, or by any shorter
 * tail of that path, down to the bare file name, that no other counted file
 * of the same README shares: `index.ts` names nothing where two folders have
 * one; `store/index.ts` does.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const SOURCE = /\.(ts|tsx|mjs)$/;
const TEST = /\.test\.tsx?$/;

function sourceFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', 'src'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  // A file deleted but not yet staged is still listed by --cached.
  return [...new Set(out.split('\0'))].filter((f) => SOURCE.test(f) && existsSync(join(ROOT, f))).sort();
}

/** Tests beside their subject are placed by it; every other source file must be named. */
function countedFiles(all: string[]): string[] {
  const present = new Set(all);
  return all.filter((f) => {
    if (!TEST.test(f)) return true;
    const subject = f.replace(TEST, '');
    return !['.ts', '.tsx', '.mjs'].some((ext) => present.has(subject + ext));
  });
}

/** The folder of the README.md nearest to a file ('' for the repository's own). */
function readmeFolder(file: string): string {
  let dir = posix.dirname(file);
  while (dir !== '.') {
    if (existsSync(join(ROOT, dir, 'README.md'))) return dir;
    dir = posix.dirname(dir);
  }
  return '';
}

/** `a/b/c.ts` → `a/b/c.ts`, `b/c.ts`, `c.ts`. */
function tails(path: string): string[] {
  const parts = path.split('/');
  return parts.map((_, i) => parts.slice(i).join('/'));
}

/** `name` appears in `text` as a whole path: not inside a longer name or path. */
function mentions(text: string, name: string): boolean {
  for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + 1)) {
    const before = text.charAt(at - 1);
    const after = text.slice(at + name.length, at + name.length + 2);
    if (!/[\w./-]/.test(before) && !/^([\w/-]|\.\w)/.test(after)) return true;
  }
  return false;
}

/**
 * Whether a README names `path` (relative to the README's folder), given
 * the other files it must introduce: its full path always counts, a shorter
 * tail only when no other file ends the same way.
 */
function isNamed(readme: string, path: string, others: readonly string[]): boolean {
  return tails(path).some(
    (tail, i) =>
      mentions(readme, tail) && (i === 0 || !others.some((o) => o !== path && (o === tail || o.endsWith(`/${tail}`)))),
  );
}

/** Counted files under a top folder of src/ (or src/ itself) that their README does not name, by README. */
function unnamedUnder(top: string): Record<string, string[]> {
  const byReadme = new Map<string, string[]>();
  for (const file of countedFiles(sourceFiles())) {
    const inTop = top === 'src' ? posix.dirname(file) === 'src' : file.startsWith(`${top}/`);
    if (!inTop) continue;
    const folder = readmeFolder(file);
    byReadme.set(folder, [...(byReadme.get(folder) ?? []), file]);
  }
  const missing: Record<string, string[]> = {};
  for (const [folder, files] of byReadme) {
    const readme = readFileSync(join(ROOT, folder, 'README.md'), 'utf8');
    const relative = files.map((f) => (folder === '' ? f : posix.relative(folder, f)));
    const unnamed = relative.filter((rel) => !isNamed(readme, rel, relative));
    if (unnamed.length > 0) missing[posix.join(folder, 'README.md')] = unnamed;
  }
  return missing;
}

const TOP_FOLDERS = ['src/shared', 'src/main', 'src/preload', 'src/renderer', 'src/server', 'src/harness'];

describe('READMEs name the source files', () => {
  it('knows every top folder of src/', () => {
    const inFolders = sourceFiles().filter((f) => posix.dirname(f) !== 'src');
    const tops = new Set(inFolders.map((f) => f.split('/').slice(0, 2).join('/')));
    expect([...tops].sort()).toEqual([...TOP_FOLDERS].sort());
  });

  it.each(TOP_FOLDERS)('%s has a README saying what it may import', (top) => {
    const readme = join(ROOT, top, 'README.md');
    expect(existsSync(readme), `${top}/README.md`).toBe(true);
    expect(readFileSync(readme, 'utf8')).toMatch(/may import/i);
  });

  it.each([...TOP_FOLDERS, 'src'])('every counted file under %s is named in its nearest README', (top) => {
    expect(unnamedUnder(top)).toEqual({});
  });
});

describe('what counts as naming a file', () => {
  const files = ['lib/index.ts', 'store/index.ts', 'store/types.ts', 'main.tsx'];
  it('takes the path from the README, or a tail no other file shares', () => {
    expect(isNamed('`store/index.ts` combines the slices', 'store/index.ts', files)).toBe(true);
    expect(isNamed('| `types.ts` | the store type |', 'store/types.ts', files)).toBe(true);
    expect(isNamed('`index.ts` re-exports', 'store/index.ts', files)).toBe(false);
  });
  it('does not take a name inside a longer name or path', () => {
    expect(isNamed('`main.tsx.map`, `src/main.tsx`', 'main.tsx', files)).toBe(false);
    expect(isNamed('see `renderer/store/types.ts`', 'store/types.ts', files)).toBe(false);
    expect(isNamed('`types.tsx`', 'store/types.ts', files)).toBe(false);
    expect(isNamed('(`main.tsx`).', 'main.tsx', files)).toBe(true);
  });
  it('places a test by its subject, and counts a test that has none', () => {
    expect(countedFiles(['a/x.ts', 'a/x.test.ts', 'a/runs-all.test.ts', 'a/testing/fake.ts'])).toEqual([
      'a/x.ts',
      'a/runs-all.test.ts',
      'a/testing/fake.ts',
    ]);
  });
});
