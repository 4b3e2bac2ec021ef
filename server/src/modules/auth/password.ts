import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { checkPasswordPolicy } from '@innocity/shared/password-policy';
import { validationFailed } from '../../http/errors.ts';
import { strengthProblem } from './password-strength.ts';

// Algorithm.Argon2id; the enum is a const enum that isolated modules cannot import.
const ARGON2ID = 2;

// The policy itself lives in shared so the web checks a new password the same way.
export { checkPasswordPolicy, PASSWORD_MIN_LENGTH } from '@innocity/shared/password-policy';

/** argon2id with the library's memory/time defaults (~60 ms a hash here). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

/** True when the password matches the stored argon2 hash; a malformed hash never matches. */
export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

let decoy: Promise<string> | undefined;

/** Spends as long as a real check against a hash nobody knows, for a username that does not exist; always false. */
export async function verifyDecoy(password: string): Promise<false> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(await decoy, password);
  return false;
}

/**
 * Refuses a password that breaks the composition rules, or that a guesser would try early (common,
 * patterned, or built from the account's names), with a 400 naming each problem on the given field.
 */
export function assertPasswordPolicy(
  password: string,
  username: string,
  path: string,
  label: string,
  names: (string | null | undefined)[] = [],
): void {
  const problems = checkPasswordPolicy(password, username);
  // The estimator only judges what the rules let through, so each refusal names one clear reason.
  const weak = problems.length === 0 ? strengthProblem(password, [username, ...names]) : null;
  if (weak) problems.push(weak);
  if (problems.length === 0) return;
  throw validationFailed(
    `${label}不符合要求：${problems.join('；')}`,
    problems.map((message) => ({ path, message })),
  );
}
