import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { csvOptions, neutraliseFormula } from '../../api/lib/csv.js';

describe('CSV formula neutralisation (OWASP CSV injection)', () => {
  it.each([
    ['=HYPERLINK("http://evil.test","clic")', `'=HYPERLINK("http://evil.test","clic")`],
    ['+1+1', `'+1+1`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1:A2)', `'@SUM(A1:A2)`],
    ['\tcmd', `'\tcmd`],
    ['\rcmd', `'\rcmd`],
    ['＝1+1', `'＝1+1`],
    ['+33 6 12', `'+33 6 12`],
  ])('prefixes %j with a quote', (input, expected) => {
    expect(neutraliseFormula(input)).toBe(expected);
  });

  it.each(['+33612345678', '+14155550123', '-1500', '-12.5', 'Élodie', 'a=b', ''])(
    'keeps %j as it is (a phone number, a number or plain text)',
    (input) => {
      expect(neutraliseFormula(input)).toBe(input);
    },
  );

  it('applies to every string cell of the shared CSV dialect, numbers untouched', () => {
    const out = stringify([['=1+1', '+33612345678', -5, 'ok']], csvOptions(['a', 'b', 'c', 'd']));
    expect(out.slice(1)).toBe("a;b;c;d\r\n'=1+1;+33612345678;-5;ok\r\n");
  });
});
