import { ConfigError } from '@spikeflow/core';
import type { Loader } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import type { TopLevelSpec } from 'vega-lite';
import { renderLogger } from './render-log.js';

type Vega = typeof import('vega');
let modules: Promise<[Vega, typeof import('vega-lite')]> | undefined;
/**
 * Vega and Vega-Lite, loaded on the first render: Vega's Node build awaits an optional canvas at
 * top level, and a static import would make `require('@spikeflow/plot')` fail (require of ES
 * modules needs a graph without top-level await).
 */
const loadVega = () => (modules ??= Promise.all([import('vega'), import('vega-lite')]));

/**
 * A Vega loader that loads nothing: figures take inline data only, so rendering never touches the
 * network or the file system.
 *
 * @example
 * await offlineLoader(await import('vega')).load('https://example.com/data.json'); // rejects with ConfigError 'no-loading'
 */
export function offlineLoader(vega: Pick<Vega, 'loader'>): Loader {
  const refuse = (what: string) => async (uri: unknown): Promise<never> => {
    throw new ConfigError('no-loading', 'renderSvg', `${what} '${String(uri)}' refused: spikeflow figures use inline data only`);
  };
  return { ...vega.loader(), load: refuse('load of'), sanitize: refuse('load of'), http: refuse('http request for'), file: refuse('file read of') };
}

/**
 * Renumbers the SVG's clip-path ids (`clip1`, `clip2`, … by first appearance): Vega counts them
 * per process, so without this the same figure rendered twice would differ.
 *
 * @example
 * normalizeClipIds('<clipPath id="clip7"/><g clip-path="url(#clip7)"/>'); // '<clipPath id="clip1"/><g clip-path="url(#clip1)"/>'
 */
export function normalizeClipIds(svg: string): string {
  const ids = new Map<string, string>();
  return svg.replace(/(id="|url\(#)(clip\d+)/g, (_m, lead: string, id: string) => {
    let renamed = ids.get(id);
    if (renamed === undefined) {
      renamed = `clip${ids.size + 1}`;
      ids.set(id, renamed);
    }
    return lead + renamed;
  });
}

/**
 * Renders a Vega-Lite spec to an SVG document in Node: Vega-Lite compiles it to Vega, a headless
 * Vega view (renderer `none`, expressions run by `vega-interpreter`, so no code is generated at
 * run time) builds the scene and writes SVG. No browser, canvas or network: external data is
 * refused with a `ConfigError` ('no-loading'), and a Vega error rejects the promise rather than
 * giving a half-drawn figure. The same spec gives the same string, byte for byte. Sizes in the SVG are CSS px.
 *
 * @example
 * const svg = await renderSvg(rasterSpec({ spikes: monitor, dt: 0.1, size: 100 }));
 * await writeFile('raster.svg', svg);
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, vegaLite] = await loadVega();
  const vegaSpec = vegaLite.compile(spec).spec;
  const log = renderLogger(vega);
  const view = new vega.View(vega.parse(vegaSpec, undefined, { ast: true }), { renderer: 'none', loader: offlineLoader(vega), expr: expressionInterpreter, logger: log.logger });
  try {
    await view.runAsync();
    log.throwIfFailed();
    vega.resetSVGDefIds();
    const svg = normalizeClipIds(await view.toSVG());
    log.throwIfFailed();
    return svg;
  } finally {
    view.finalize();
  }
}
