/**
 * Preloaded into a backend process by `npm run bench:team -- --cpu-prof DIR`
 * (Node 20 refuses --cpu-prof in NODE_OPTIONS, --import is allowed): profiles
 * the whole process and writes DIR/backend-<pid>.cpuprofile as it exits, to
 * open in Chrome DevTools or read with a script.
 */
import { Session } from 'node:inspector';
import process from 'node:process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const dir = process.env.SUPPORT_CONSOLE_CPU_PROF_DIR;
if (dir !== undefined && dir !== '') {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  // The main thread's inspector session answers synchronously, so this works in an 'exit' listener.
  process.on('exit', () => {
    session.post('Profiler.stop', (err, result) => {
      if (err === null)
        writeFileSync(path.join(dir, `backend-${String(process.pid)}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
