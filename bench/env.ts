/** Reading the benches' settings from the environment. */

/** A positive integer setting (`1_000` allowed), or `fallback` when unset; anything else throws naming it. */
export function envInt(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v.replace(/_/g, ''));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name}=${v}: expected a positive integer`);
  return n;
}
