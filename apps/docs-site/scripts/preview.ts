/**
 * Serves the built site as it would be deployed, with its Content-Security-Policy
 * (`node apps/docs-site/dist/scripts/preview.js [--port <n>]`).
 */
import { OUT_DIR, siteBase } from './paths.js';
import { serveStatic } from './serve.js';

const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 4173;
const site = await serveStatic(OUT_DIR, { port, base: siteBase() });
console.log(`docs: serving ${OUT_DIR} at ${site.url}`);
