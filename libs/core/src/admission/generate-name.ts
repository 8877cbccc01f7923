/**
 * metadata.generateName: the registry appends five random characters to the
 * prefix (names.SimpleNameGenerator), trimming the prefix so the result
 * stays within 63 characters.
 */
import type { Random } from './allocators';

// Consonants and digits without look-alikes, so generated names never spell words.
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const MAX_NAME_LENGTH = 63;
const RANDOM_LENGTH = 5;

/** `base` + 5 random characters, deterministic for a given random source. */
export function generateName(base: string, random: Random = Math.random): string {
  const prefix = base.length > MAX_NAME_LENGTH - RANDOM_LENGTH ? base.slice(0, MAX_NAME_LENGTH - RANDOM_LENGTH) : base;
  let suffix = '';
  for (let i = 0; i < RANDOM_LENGTH; i++) suffix += ALPHABET[Math.min(ALPHABET.length - 1, Math.floor(random() * ALPHABET.length))];
  return prefix + suffix;
}
