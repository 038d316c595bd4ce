/**
 * The optional outside corpora: real bad-input files nobody on this project
 * wrote (PngSuite, fuzzing corpora, malicious PDFs, naughty strings), kept
 * in a folder beside the checkout, never copied into it. The two corpus
 * tests name that folder; this module loads it when it is there and words
 * the note they print either way. Without it they still run the generated
 * files (hostile-documents.ts).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

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

export interface SharedCorpora {
  /** How the notes name the folder (relative to the project root). */
  shownAs: string;
  present: boolean;
  /** Every document of the image/PDF folders; empty when the corpora are absent. */
  files(): CorpusFile[];
  /** The naughty-strings list; null when the corpora are absent. */
  naughtyStrings(): string[] | null;
  /** The line a test prints so its output says whether the corpora ran. */
  note(sharedFiles: number, generatedFiles: number): string;
}

export function sharedCorpora(dir: string, shownAs: string): SharedCorpora {
  const present = existsSync(dir);
  return {
    shownAs,
    present,
    files: () =>
      present
        ? Object.entries(CORPUS_FOLDERS).flatMap(([folder, { type, ext }]) =>
            readdirSync(join(dir, folder))
              .filter((n) => !/^(LICENSE|.*README.*)$/iu.test(n) && statSync(join(dir, folder, n)).isFile())
              .map((n) => ({
                folder,
                label: `${folder}/${n}`,
                name: n.endsWith(`.${ext}`) ? n : `${n}.${ext}`,
                type,
                bytes: new Uint8Array(readFileSync(join(dir, folder, n))),
              })),
          )
        : [],
    naughtyStrings: () =>
      present ? (JSON.parse(readFileSync(join(dir, 'naughty-strings/blns.json'), 'utf8')) as string[]) : null,
    note: (sharedFiles, generatedFiles) =>
      present
        ? `ran ${String(sharedFiles)} files of ${shownAs} and ${String(generatedFiles)} generated ones`
        : `${shownAs} absent: ran only the ${String(generatedFiles)} generated files`,
  };
}
