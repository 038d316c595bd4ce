/**
 * `--import`ed by the built-main child: Node runs it again in every worker
 * thread (workers inherit the process's execArgv), and in each thread it
 * registers a resolve hook (module-log-hook.mjs) that appends to the file
 * named by BUILT_MAIN_MODULE_LOG one line per entry module (the file a
 * thread started from) and per package imported by name. So the test sees
 * which files the sync worker and the feed-reader worker really started
 * from, nested threads included, and which packages main loaded. Changes
 * no resolution.
 */
import { register } from 'node:module';
import process from 'node:process';
import { threadId } from 'node:worker_threads';

const log = process.env.BUILT_MAIN_MODULE_LOG;
if (log) register('./module-log-hook.mjs', import.meta.url, { data: { log, thread: threadId } });
