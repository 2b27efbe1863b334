import { describe, expect, it } from 'vitest';
import { jsonTooDeep } from '../../api/lib/json-depth.js';

describe('jsonTooDeep', () => {
  it('counts levels below the top level and names the first container past the limit', () => {
    expect(jsonTooDeep('{"a":{"b":[1]}}', 2)).toBeUndefined();
    expect(jsonTooDeep('{"a":{"b":[[1]]}}', 2)).toBe('a.b.0');
    expect(jsonTooDeep('[[[]]]', 1)).toBe('0.0');
    expect(jsonTooDeep('{}', 0)).toBeUndefined();
    expect(jsonTooDeep('{"a":{}}', 0)).toBe('a');
  });

  it('follows array indices and the current key of each object', () => {
    expect(jsonTooDeep('{"x":[1,{"k":2},{"y":{"z":[]}}],"w":3}', 3)).toBe('x.2.y.z');
    expect(jsonTooDeep('{"first":{},"second":{"deep":{}}}', 1)).toBe('second.deep');
  });

  it('ignores brackets and quotes inside strings, and decodes escaped keys', () => {
    expect(jsonTooDeep('{"s":"[[[[{{{{\\"[[[[","t":1}', 1)).toBeUndefined();
    expect(jsonTooDeep('{"q\\"\\u00e9":[[]]}', 1)).toBe('q"é.0');
  });

  it('handles 500,000 levels without recursion, and malformed text without throwing', () => {
    expect(jsonTooDeep('['.repeat(500_000), 64)?.split('.')).toHaveLength(65);
    expect(jsonTooDeep('{"a":"unterminated', 64)).toBeUndefined();
    expect(jsonTooDeep(']]]}}}', 64)).toBeUndefined();
  });
});
