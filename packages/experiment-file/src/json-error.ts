/**
 * Finds where and why `JSON.parse` rejected a text: a small strict JSON reader run only after
 * `JSON.parse` failed, because V8's messages do not always give a position.
 */

class JsonSyntax extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const show = (ch: string | undefined) => (ch === undefined ? 'end of input' : `'${ch === '\n' ? '\\n' : ch}'`);

/**
 * Offset (0-based) and description of the first JSON syntax error in `text`, or undefined when
 * the text is valid JSON (or nested too deeply to check).
 *
 * @example
 * jsonSyntaxError('{"a": }'); // { offset: 6, message: "unexpected '}'; expected a value" }
 */
export function jsonSyntaxError(text: string): { offset: number; message: string } | undefined {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (message: string): never => {
    throw new JsonSyntax(i, message);
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === '"') {
        i++;
        return;
      }
      if (ch.charCodeAt(0) < 0x20) fail('control character in a string (write it escaped, e.g. \\n)');
      if (ch === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('bad \\u escape in a string');
          i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) fail(`bad escape \\${e ?? ''} in a string`);
        i += 2;
        continue;
      }
      i++;
    }
    fail('unterminated string');
  };
  const value = (depth: number): void => {
    if (depth > 10_000) throw new RangeError('too deep');
    ws();
    const ch = text[i];
    if (ch === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`expected a double-quoted property name, found ${show(text[i])}`);
        string();
        ws();
        if (text[i] !== ':') fail(`expected ':' after a property name, found ${show(text[i])}`);
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail(`expected ',' or '}' after a property value, found ${show(text[i])}`);
      }
    }
    if (ch === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail(`expected ',' or ']' after an array element, found ${show(text[i])}`);
      }
    }
    if (ch === '"') return string();
    const literal = /^(?:true|false|null)/.exec(text.slice(i, i + 5));
    if (literal) {
      i += literal[0].length;
      return;
    }
    const number = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (number && number[0] !== '-') {
      i += number[0].length;
      return;
    }
    fail(`unexpected ${show(ch)}; expected a value`);
  };
  try {
    value(0);
    ws();
    if (i < text.length) fail(`unexpected ${show(text[i])} after the end of the JSON value`);
    return undefined;
  } catch (err) {
    if (err instanceof JsonSyntax) return { offset: err.offset, message: err.message };
    return undefined;
  }
}
