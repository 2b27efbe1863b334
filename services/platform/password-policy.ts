import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { PASSWORD_CODES, PASSWORD_MIN_LENGTH, passwordLength } from '../../definitions/password-policy.js';
import type { DomainFieldError } from '../domain-error.js';

/**
 * NIST SP 800-63B, §5.1.1.2: at least 12 characters, no composition rules, and a refusal of
 * passwords that are common, breached, dictionary words, repetitive or sequential, or made of the
 * user's own name, email or organisation. The lists and the pattern matching are zxcvbn-ts's: its
 * common package carries ~49 000 passwords from public breaches plus keyboard layouts (qwerty and
 * azerty), the fr and en packages their words, names and Wikipedia vocabulary.
 */

/** zxcvbn's "safely unguessable" band (≥ 10^8 guesses, online attacks are hopeless). */
const MIN_SCORE = 3;
/**
 * Only the first 64 characters are scored: the matching is super-linear (a 200-character l33t-dense
 * string took seconds), and any password past 64 characters whose head is strong is strong.
 */
const SCORED_LENGTH = 64;
/** Bounds l33t substitution search (zxcvbn's default 100 costs ~3x as much for no measurable gain here). */
const L33T_MAX_SUBSTITUTIONS = 16;
const SERVICE_WORDS = ['atlas', 'crm', 'atlascrm', 'atlas-crm'];

let estimator: Promise<ZxcvbnFactory> | undefined;

/** Built on first use: the dictionaries take ~0.3 s and tens of MB, which only the API needs. */
function zxcvbn(): Promise<ZxcvbnFactory> {
  estimator ??= (async () => {
    const [{ ZxcvbnFactory }, common, en, fr] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
      import('@zxcvbn-ts/language-fr'),
    ]);
    return new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary, ...fr.dictionary },
      graphs: common.adjacencyGraphs,
      maxLength: SCORED_LENGTH,
      l33tMaxSubstitutions: L33T_MAX_SUBSTITUTIONS,
    });
  })();
  return estimator;
}

export interface PasswordContext {
  email?: string;
  fullName?: string;
  orgSlug?: string;
}

function contextWords({ email, fullName, orgSlug }: PasswordContext): string[] {
  const words = [...SERVICE_WORDS];
  if (email) words.push(email, email.split('@')[0]!, ...email.split(/[@._+-]/));
  if (fullName) words.push(fullName, ...fullName.split(/\s+/));
  if (orgSlug) words.push(orgSlug);
  return words.filter((w) => w.length >= 3).map((w) => w.toLowerCase());
}

/** Why `password` may not be chosen, as field errors for `field`; empty when it may. */
export async function passwordIssues(
  password: string,
  field: string,
  context: PasswordContext = {},
): Promise<DomainFieldError[]> {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH) {
    return [
      {
        field,
        code: PASSWORD_CODES.TOO_SHORT,
        message: `must be at least ${PASSWORD_MIN_LENGTH} characters long (a few words make a good one)`,
        params: { limit: PASSWORD_MIN_LENGTH, length },
      },
    ];
  }
  const result = (await zxcvbn()).check(password.normalize('NFKC'), contextWords(context));
  if (result.score >= MIN_SCORE) return [];
  const [only, ...more] = result.sequence;
  // One dictionary entry, l33t-spelled or reversed or not: a known password, word or name.
  if (only && !more.length && only.pattern === 'dictionary') {
    return [
      {
        field,
        code: PASSWORD_CODES.COMMON,
        message: 'is a common or breached password, or a dictionary word',
        params: {},
      },
    ];
  }
  return [
    {
      field,
      code: PASSWORD_CODES.GUESSABLE,
      message:
        'is easy to guess: it is made of common passwords, words, names, keyboard patterns, repetitions or sequences, or your own details',
      params: {},
    },
  ];
}
