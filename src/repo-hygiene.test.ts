/**
 * The repository explains itself: no file in it sends the reader to a file
 * outside it (notes kept beside the checkout, a sibling `shared` folder) or
 * to an issue number, which mean nothing to someone holding only this
 * repository. A rule is written where the code is, or in docs/ (the
 * product's rules are docs/product-rules.md).
 *
 * Scanned: every file git knows or would add (tracked, plus untracked ones
 * not ignored), except the lock file and binaries.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const SELF = 'src/repo-hygiene.test.ts';

/** Names of notes that live outside the repository. */
const OUTSIDE_NOTES = /\b(?:PRODUCT|STYLE)\.md\b|\bFACTS\b(?:\.md)?/g;
/** What the sibling folder holds (seed pages, corpora, notes), however the path to it is written. */
const OUTSIDE_FOLDER = /\/work\/shared\b|\bshared\/(?:seed|corpora|PRODUCT|FACTS|STYLE)\b/g;
/** "issue 4", "issues 3 and 5", "issue #12". */
const ISSUE_NUMBER = /\bissues? #?\d+/gi;
/** A relative path to a `shared` folder: src/shared, or the sibling folder when it leaves the repository. */
const RELATIVE_SHARED = /(?:\.\.\/)+shared\b/g;

/**
 * The corpus tests read the bad-input corpora from the sibling folder when
 * it is there (they are too large to keep in the repository): these
 * files, and only they, may name it.
 */
const MAY_NAME_CORPORA = new Set([
  'src/main/features/recovery/corpus.test.ts',
  'e2e/viewer-corpus.spec.ts',
  'e2e/viewer-fast-zoom.spec.ts',
]);

/** A pointer into a doc of the repository: `docs/product-rules.md#chat-terminations`. */
const DOC_ANCHOR = /\b(docs\/[\w.-]+\.md)#([\w-]+)/g;

interface Finding {
  file: string;
  line: number;
  text: string;
}

function filesToScan(): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const files = new Set(out.split('\0').filter((f) => f !== ''));
  return [...files].filter((f) => f !== SELF && f !== 'package-lock.json').sort();
}

function leavesRepository(file: string, rel: string): boolean {
  const target = posix.normalize(posix.join(posix.dirname(file), rel));
  return target.startsWith('../');
}

function findingsIn(file: string, text: string): Finding[] {
  const found: Finding[] = [];
  text.split('\n').forEach((line, i) => {
    const hits = [
      ...line.matchAll(OUTSIDE_NOTES),
      ...line.matchAll(OUTSIDE_FOLDER),
      ...line.matchAll(ISSUE_NUMBER),
      ...[...line.matchAll(RELATIVE_SHARED)].filter((m) => leavesRepository(file, m[0])),
    ];
    for (const m of hits) {
      const rest = line.slice(m.index, m.index + 40);
      if (MAY_NAME_CORPORA.has(file) && /^(?:\.\.\/)*shared\/corpora\b/.test(rest)) continue;
      found.push({ file, line: i + 1, text: rest.trim() });
    }
  });
  return found;
}

/** The repository's text files with their content. */
function textFiles(): Map<string, string> {
  const texts = new Map<string, string>();
  for (const file of filesToScan()) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(ROOT, file));
    } catch {
      continue; // listed by git but deleted in the working tree
    }
    if (bytes.includes(0)) continue; // binary: screenshots, icons
    texts.set(file, bytes.toString('utf8'));
  }
  return texts;
}

/** A Markdown heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to hyphens. */
function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => headingAnchor(m[1] ?? '')));
}

/** Pointers to a section of a doc that does not exist (renamed heading, typo). */
function brokenAnchors(texts: ReadonlyMap<string, string>): string[] {
  const broken: string[] = [];
  for (const [file, text] of texts) {
    text.split('\n').forEach((line, i) => {
      for (const m of line.matchAll(DOC_ANCHOR)) {
        const [pointer, doc = '', anchor = ''] = m;
        const target = texts.get(doc);
        if (target === undefined || !anchorsOf(target).has(anchor)) broken.push(`${file}:${String(i + 1)}: ${pointer}`);
      }
    });
  }
  return broken;
}

describe('the repository stands on its own', () => {
  it('names no file outside it and no issue number', () => {
    const places = [...textFiles()].flatMap(([file, text]) =>
      findingsIn(file, text).map((f) => `${f.file}:${String(f.line)}: ${f.text}`),
    );
    expect(places).toEqual([]);
  });

  it('points only to sections of its docs that exist', () => {
    expect(brokenAnchors(textFiles())).toEqual([]);
  });

  it('finds a pointer to a missing section', () => {
    const texts = new Map([
      ['docs/rules.md', '# Rules\n\n## Chat terminations\n\n### What a verifier checks (v2)\n'],
      [
        'src/a.ts',
        '// docs/rules.md#chat-terminations, docs/rules.md#what-a-verifier-checks-v2\n// docs/rules.md#callbacks',
      ],
    ]);
    expect(brokenAnchors(texts)).toEqual(['src/a.ts:2: docs/rules.md#callbacks']);
  });

  it('catches each kind of outside reference, and lets only the corpus tests name the corpora', () => {
    const text = [
      'a rule (PRODUCT.md, "Account recovery")',
      '// FACTS: 10 pages per commit',
      'the views (issue 3)',
      "join(import.meta.dirname, '../../../../shared/corpora')",
      'a note in ../shared/seed',
    ].join('\n');
    const kinds = (file: string) => findingsIn(file, text).map((f) => f.line);
    expect(kinds('src/main/db/views.ts')).toEqual([1, 2, 3, 4, 4, 5]);
    expect(kinds('src/main/features/recovery/corpus.test.ts')).toEqual([1, 2, 3, 5]);
    // An import of the repository's own src/shared is no outside reference.
    expect(findingsIn('src/main/db/views.ts', "import { x } from '../../shared/entities.js';")).toEqual([]);
  });
});
