/**
 * The optional outside corpora: real bad-input files nobody on this project
 * wrote (PngSuite, fuzzing corpora, malicious PDFs, naughty strings), kept
 * in a folder beside the checkout (SHARED_CORPORA), never copied into it.
 * Tests run them when the folder is there and say so either way; without
 * them they still run the generated files (hostile-documents.ts).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Relative to the project root, as the tests' notes print it. */
export const SHARED_CORPORA_NAME = '../shared/corpora';
export const SHARED_CORPORA = fileURLToPath(new URL('../../../../shared/corpora/', import.meta.url));

/** Each image/PDF folder with the type and extension its files are submitted under. */
export const CORPUS_FOLDERS: Readonly<Record<string, { type: string; ext: string }>> = {
  pngsuite: { type: 'image/png', ext: 'png' },
  'fuzz-png': { type: 'image/png', ext: 'png' },
  'fuzz-jpeg': { type: 'image/jpeg', ext: 'jpg' },
  'fuzz-gif': { type: 'image/gif', ext: 'gif' },
  'malicious-pdfs': { type: 'application/pdf', ext: 'pdf' },
};

export interface CorpusFile {
  folder: string;
  /** `folder/file`, for messages. */
  label: string;
  /** The file's name with the folder's extension added when it has none. */
  name: string;
  type: string;
  bytes: Uint8Array;
}

export function sharedCorporaPresent(): boolean {
  return existsSync(SHARED_CORPORA);
}

/** Every document of the image/PDF folders; an empty list when the corpora are absent. */
export function sharedCorpusFiles(): CorpusFile[] {
  if (!sharedCorporaPresent()) return [];
  return Object.entries(CORPUS_FOLDERS).flatMap(([folder, { type, ext }]) =>
    readdirSync(join(SHARED_CORPORA, folder))
      .filter((n) => !/^(LICENSE|.*README.*)$/iu.test(n) && statSync(join(SHARED_CORPORA, folder, n)).isFile())
      .map((n) => ({
        folder,
        label: `${folder}/${n}`,
        name: n.endsWith(`.${ext}`) ? n : `${n}.${ext}`,
        type,
        bytes: new Uint8Array(readFileSync(join(SHARED_CORPORA, folder, n))),
      })),
  );
}

/** The naughty-strings list; null when the corpora are absent. */
export function sharedNaughtyStrings(): string[] | null {
  if (!sharedCorporaPresent()) return null;
  return JSON.parse(readFileSync(join(SHARED_CORPORA, 'naughty-strings/blns.json'), 'utf8')) as string[];
}

/** The line a test prints so its output says whether the corpora ran. */
export function corporaNote(sharedFiles: number, generatedFiles: number): string {
  return sharedCorporaPresent()
    ? `ran ${String(sharedFiles)} files of ${SHARED_CORPORA_NAME} and ${String(generatedFiles)} generated ones`
    : `${SHARED_CORPORA_NAME} absent: ran only the ${String(generatedFiles)} generated files`;
}
