/** NumPy dtypes the writers produce (little-endian). */
export type NpyDtype = '<i4' | '<f8' | '<f4';

/** Header size in bytes: fixed, so a header can be rewritten in place with the final shape. */
export const NPY_HEADER_BYTES = 128;

/**
 * An NPY version 1.0 header for a C-order array, padded to {@link NPY_HEADER_BYTES} bytes
 * (a multiple of 64, as numpy recommends). Loadable by `numpy.load`.
 *
 * @example
 * npyHeader('<i4', [1200, 2]); // 128 bytes: magic, version, header length, dict, padding, '\n'
 */
export function npyHeader(dtype: NpyDtype, shape: readonly number[]): Uint8Array {
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(', ');
  const dict = `{'descr': '${dtype}', 'fortran_order': False, 'shape': (${dims}), }`;
  const preamble = 10; // magic (6) + version (2) + header length (2)
  const padded = dict.padEnd(NPY_HEADER_BYTES - preamble - 1, ' ') + '\n';
  if (preamble + padded.length !== NPY_HEADER_BYTES) throw new RangeError(`NPY shape (${dims}) does not fit a ${NPY_HEADER_BYTES}-byte header`);
  const out = new Uint8Array(NPY_HEADER_BYTES);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0); // \x93NUMPY v1.0
  out[8] = padded.length & 0xff;
  out[9] = padded.length >> 8;
  for (let k = 0; k < padded.length; k++) out[preamble + k] = padded.charCodeAt(k);
  return out;
}
