/**
 * Polls `probe` every 50 ms until it returns something other than
 * undefined (readiness, never a bare sleep); throws naming `what` after
 * `tries` attempts.
 */
export async function until<T>(probe: () => Promise<T | undefined>, what: string, tries = 300): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}
