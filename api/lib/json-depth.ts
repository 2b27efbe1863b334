/**
 * Where a JSON text nests arrays/objects deeper than `maxDepth` levels below its top level: the path
 * (keys and array indices, dot-separated like the validation errors' `field`) of the first container
 * past the limit, or undefined when it stays within.
 *
 * A scan of the raw text with an explicit stack, before anything parses it: JSON.parse, the
 * prototype-poisoning scan, ajv and the serialisers all recurse, and 10,000 levels overflowed the
 * call stack (a 500). Malformed text is not judged here: the parser after it reports that.
 */
export function jsonTooDeep(text: string, maxDepth: number): string | undefined {
  // One entry per open container: its current key (object) or index (array).
  const path: Array<string | number> = [];
  const isArray: boolean[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const start = i;
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
      if (expectKey && path.length) {
        path[path.length - 1] = decodeKey(text.slice(start, i + 1));
        expectKey = false;
      }
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      // The top-level container is not counted: `{"a": {}}` nests one level.
      if (isArray.length > maxDepth) return path.join('.') || '(body)';
      const array = c === 0x5b;
      isArray.push(array);
      path.push(array ? 0 : '');
      expectKey = !array;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      isArray.pop();
      path.pop();
      expectKey = false;
    } else if (c === 0x2c /* , */ && isArray.length) {
      if (isArray[isArray.length - 1]) path[path.length - 1] = (path[path.length - 1] as number) + 1;
      else expectKey = true;
    }
  }
  return undefined;
}

function decodeKey(quoted: string): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted.slice(1, -1);
  }
}
