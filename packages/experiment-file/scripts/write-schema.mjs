// Writes examples/experiment.schema.json (for editors) from the built package. Run by the package's
// build, so the file always lists the models the registry has; it is generated, not committed
// (.gitignore). Alone: pnpm --filter @spikeflow/experiment-file schema
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { experimentJsonSchema } from '../dist/index.js';

const target = fileURLToPath(new URL('../../../examples/experiment.schema.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(experimentJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target}`);
