/** Short, safe descriptions of values and paths for error messages. */

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const MAX_SHOWN = 60;

/**
 * A field path as written in messages: `connections[2].connector.p`, `populations["my pop"]`.
 *
 * @example
 * formatPath(['connections', 2, 'connector', 'p']); // 'connections[2].connector.p'
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && IDENTIFIER.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out === '' ? '(file)' : out;
}

/**
 * A value as it was found, for "found …" in messages: numbers and strings as written (strings
 * quoted, long ones cut), arrays and objects as short JSON.
 *
 * @example
 * describeValue('abc'); // '"abc"'
 * describeValue(undefined); // 'nothing'
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return cut(JSON.stringify(value));
  if (typeof value === 'boolean' || value === null) return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function' || typeof value === 'symbol') return `a ${typeof value}`;
  try {
    const json = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
    if (Array.isArray(value)) return `${cut(json)}${json.length > MAX_SHOWN ? ` (${value.length} items)` : ''}`;
    return cut(json);
  } catch {
    return 'an object';
  }
}

/** `'a'`, `'a' or 'b'`, `'a', 'b' or 'c'`. */
export function oneOf(values: readonly unknown[]): string {
  const shown = values.map((v) => (typeof v === 'string' ? `'${v}'` : String(v)));
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
}

function cut(s: string): string {
  return s.length > MAX_SHOWN ? `${s.slice(0, MAX_SHOWN - 1)}…` : s;
}
