// Writes examples/experiment.schema.json from the built package (run `pnpm build` first):
//   pnpm --filter @spikeflow/experiment-file schema
// test/json-schema.test.ts fails while the committed file differs from what this writes.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { experimentJsonSchema } from '../dist/index.js';

const target = fileURLToPath(new URL('../../../examples/experiment.schema.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(experimentJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target}`);
