/**
 * zod probes `new Function` once, on the first parse, to pick a faster
 * parser; the page's CSP forbids eval, so the probe only logs a CSP
 * violation. Imported first by main.tsx: modules run in import order, and a
 * module imported after this one may parse while it loads.
 */
import { z } from 'zod';

z.config({ jitless: true });
