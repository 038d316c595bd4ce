/**
 * A writer process for the concurrent-writers feed checker: for a while, it
 * changes tickets through several backend processes at once (random process
 * per request, several requests in flight), so commits from different
 * processes and connections interleave as they would behind a load balancer.
 *
 *   npx tsx src/server/testing/feed-writer.ts --urls URL,URL --seconds 8 --seed 3 [--in-flight 4] [--at-least 60]
 *
 * It writes for `--seconds` and until `--at-least` operations succeeded: on a loaded machine the
 * interleaving still gets enough commits to mean something, the run just lasts longer.
 *
 * Writes go through the test endpoints (`/v1/_test/*`, BackendAdmin): each is
 * one write transaction of the record store, the path every mutation takes.
 * Prints one JSON line {"operations": {...}, "refused": n, "failed": n} at the end: `refused` are the
 * backend's rule answers (a ticket another writer just deleted, a category it already has), `failed` its
 * errors (5xx), which a sound sequencer never causes.
 */
import { parseArgs } from 'node:util';
import { fakerDE_CH as faker } from '@faker-js/faker';
import { CATEGORY_IDS } from '../seed/vocab.js';

const { values } = parseArgs({
  options: {
    urls: { type: 'string' },
    seconds: { type: 'string', default: '8' },
    seed: { type: 'string', default: '1' },
    'in-flight': { type: 'string', default: '4' },
    'at-least': { type: 'string', default: '0' },
  },
  strict: true,
});
const urls = (values.urls ?? '').split(',').filter((u) => u !== '');
if (urls.length === 0) throw new Error('--urls is required');
faker.seed(Number(values.seed));
const until = Date.now() + Number(values.seconds) * 1000;
const atLeast = Number(values['at-least']);

const operations = { update: 0, create: 0, recategorise: 0, delete: 0 };
let refused = 0;
let failed = 0;
let highestId = 50;
const TELL_AT_MOST = 5;
let told = 0;

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  const url = faker.helpers.arrayElement(urls);
  return fetch(url + '/v1/_test' + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function oneOperation(): Promise<void> {
  const id = String(faker.number.int({ min: 1, max: highestId }));
  const roll = faker.number.float();
  let res: Response;
  let op: keyof typeof operations;
  if (roll < 0.55) {
    op = 'update';
    res = await send('PATCH', `/tickets/${id}`, {
      priority: faker.helpers.arrayElement(['low', 'normal', 'high', 'urgent']),
      status: faker.helpers.arrayElement(['new', 'open', 'pending', 'solved']),
    });
  } else if (roll < 0.8) {
    op = 'create';
    res = await send('POST', '/tickets', { subject: faker.lorem.sentence() });
    if (res.ok) highestId = Math.max(highestId, Number(((await res.clone().json()) as { id: string }).id));
  } else if (roll < 0.95) {
    op = 'recategorise';
    res = await send('POST', `/tickets/${id}/recategorise`, { categoryId: faker.helpers.arrayElement(CATEGORY_IDS) });
  } else {
    op = 'delete';
    res = await send('DELETE', `/records/ticket/${id}`);
  }
  await res.arrayBuffer();
  if (res.ok) operations[op]++;
  else if (res.status >= 500) failed++;
  else refused++;
  // The first answers that are not a success, on stderr: the test's log says what they were (the unsafe
  // sequencer's run fails over a thousand writes by design; the JSON line counts them all).
  if (!res.ok && res.status !== 404 && told < TELL_AT_MOST) {
    told++;
    process.stderr.write(`feed-writer: ${op} ${id} answered ${res.status}\n`);
  }
}

const succeeded = (): number => Object.values(operations).reduce((a, b) => a + b, 0);

async function lane(): Promise<void> {
  while (Date.now() < until || succeeded() < atLeast) await oneOperation();
}

async function main(): Promise<void> {
  await Promise.all(Array.from({ length: Number(values['in-flight']) }, lane));
  process.stdout.write(JSON.stringify({ operations, refused, failed }) + '\n');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
