// The password policy, one rule for the server (create, reset, change own) and the web form's
// hint: long enough (PASSWORD_MIN_LENGTH), not the user name, not a known-weak password.
// Pure, so the web imports it as #domain/password.
import type { ErrorKey, ErrorParams } from './errors';

/** Longest password accepted anywhere (hashing cost is bounded before any work). */
export const PASSWORD_MAX_LENGTH = 1024;
/** Default of PASSWORD_MIN_LENGTH. */
export const PASSWORD_MIN_LENGTH_DEFAULT = 10;

/**
 * Passwords that appear at the top of every leaked-password list, plus the ones a Japanese city
 * office would try first. Compared after lower-casing and with trailing digits and symbols removed,
 * so "Password123!" and "yotsukaido2026" count as weak too.
 */
const WEAK_STEMS = new Set([
  'password', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'qwerty', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'abc', 'abcdef', 'abcdefg',
  'abcdefgh', 'letmein', 'welcome', 'admin', 'administrator', 'root', 'user', 'guest', 'test', 'changeme', 'iloveyou',
  'monkey', 'dragon', 'sunshine', 'princess', 'football', 'baseball', 'master', 'secret', 'login', 'trustno',
  'yotsukaido', 'chizu', 'chiba', 'tokyo', 'japan', 'nippon', 'sakura', 'pokemon', 'doraemon', 'shiyakusho', 'yakusho', 'city',
  'gis', 'map', '',
]);

/** Only one character repeated, or a run of consecutive digits/letters ("1234567890", "abcdefghij"). */
function trivial(p: string): boolean {
  if (/^(.)\1*$/.test(p)) return true;
  const codes = [...p].map((c) => c.codePointAt(0)!);
  return codes.length > 2 && codes.every((c, i) => i === 0 || c - codes[i - 1] === 1 || c - codes[i - 1] === -1);
}

/** ASCII digits, punctuation and spaces (what people append to a word); Japanese text is not among them. */
const ASCII_FILLER = /[\d\s!-/:-@[-`{-~]/;
const TRAILING_FILLER = new RegExp(`${ASCII_FILLER.source}+$`);

export function isWeakPassword(password: string): boolean {
  const lower = password.toLowerCase();
  const stem = lower.replace(TRAILING_FILLER, '');
  return WEAK_STEMS.has(stem) || trivial(lower);
}

/** The first rule the password breaks (a key of the error catalogue with its params), or null when it is acceptable. */
export function passwordProblem(password: string, username: string, minLength: number): { key: ErrorKey; params: ErrorParams } | null {
  const length = [...password].length;
  if (length < minLength) return { key: 'passwordTooShort', params: { min: minLength } };
  if (password.length > PASSWORD_MAX_LENGTH) return { key: 'passwordTooLong', params: { max: PASSWORD_MAX_LENGTH } };
  const lower = password.toLowerCase();
  const name = username.toLowerCase();
  if (name && (lower === name || lower.includes(name) && name.length >= 3 && lower.replace(name, '').replace(new RegExp(ASCII_FILLER.source, 'g'), '') === '')) {
    return { key: 'passwordIsUsername', params: {} };
  }
  if (isWeakPassword(password)) return { key: 'passwordWeak', params: {} };
  return null;
}
