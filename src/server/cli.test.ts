/** The backend's command line, as an operator meets it: --help lists the options, a wrong one says where they are. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const cli = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', ...args]);

describe('npm run start:backend', () => {
  it('--help lists the options, the PostgreSQL one among them, and exits 0 without starting', async () => {
    const { stdout } = await cli('--help');
    expect(stdout).toContain('--database URL');
    expect(stdout).toContain('--seed N');
    expect(stdout).toContain('initialPasswords');
    expect(stdout).not.toContain('http://127.0.0.1'); // it did not start listening
  });

  it('refuses an unknown option, naming it and --help, with exit code 1', async () => {
    const failed = await cli('--databse', 'postgresql://h/db').then(
      () => null,
      (err: unknown) => err as { code: number; stderr: string },
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain("Unknown option '--databse'");
    expect(failed?.stderr).toContain('--help');
  });
});
