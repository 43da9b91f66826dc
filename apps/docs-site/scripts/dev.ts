/**
 * The docs dev server: generates figures and API pages once, then serves the guides with hot
 * reload (`node apps/docs-site/dist/scripts/dev.js`; root: `pnpm run docs:dev`). `--port <n>` picks
 * the port (default 5173).
 */
import { createServer } from 'vitepress';
import { generate } from './build.js';
import { SITE_ROOT } from './paths.js';

const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 5173;
await generate();
const server = await createServer(SITE_ROOT, { port });
await server.listen();
server.printUrls();
