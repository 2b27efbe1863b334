import { describe, expect, it } from 'vitest';
import { attachmentDisposition } from '../../api/lib/attachment.js';
import { asciiFileName, sanitiseFileName } from '../../definitions/file-names.js';

describe('file names', () => {
  it.each([
    ['日本語.png', '日本語.png'],
    ['e\u0301ve\u0301.png', 'évé.png'], // NFD in, NFC stored
    ['a\r\nb\t.pdf', 'a__b_.pdf'],
    ['facture\u202Efdp.exe', 'facture_fdp.exe'],
    ['../../etc/passwd', '.._.._etc_passwd'],
    ['  \u0000  ', 'document'],
    ['x'.repeat(300), 'x'.repeat(255)],
  ])('sanitises %j to %j', (raw, stored) => {
    expect(sanitiseFileName(raw)).toBe(stored);
  });

  it('keeps whole characters when it shortens (no half surrogate pair)', () => {
    expect([...sanitiseFileName('😀'.repeat(300))]).toHaveLength(255);
  });

  it.each([
    ['évé.png', 'eve.png'],
    ['日本語.png', '___.png'],
    ['a"b\\c%d.pdf', 'a_b_c_d.pdf'],
  ])('falls back to ASCII: %j → %j', (name, ascii) => {
    expect(asciiFileName(name)).toBe(ascii);
  });

  it('builds a header Node accepts for any stored name', () => {
    expect(attachmentDisposition('plain.pdf')).toBe('attachment; filename=plain.pdf');
    expect(attachmentDisposition('a "b".pdf')).toBe(
      `attachment; filename="a _b_.pdf"; filename*=UTF-8''a%20%22b%22.pdf`,
    );
    expect(() => attachmentDisposition('old\u0001name.pdf')).not.toThrow();
  });
});
