/** E.164 as providers send it: `+` then 7 to 15 digits, the first not 0 (no spaces, nothing else). */
const E164 = /^\+[1-9]\d{6,14}$/;

export function isE164(value: string): boolean {
  return E164.test(value);
}
