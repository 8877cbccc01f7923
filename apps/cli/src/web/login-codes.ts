/**
 * One-time login codes, the way Jupyter prints a link that logs you in:
 * `chronokube up` prints a URL carrying a code; the login page trades it
 * once for the kubeconfig's bearer token. A code works once, and only for
 * a while, so a link left in a terminal's scrollback cannot be replayed.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export class LoginCodes {
  private readonly codes = new Map<string, number>();

  constructor(private readonly ttlMs = 24 * 3600_000, private readonly now: () => number = Date.now) {}

  /** A fresh code (256 random bits, base64url). */
  issue(): string {
    const code = randomBytes(32).toString('base64url');
    this.codes.set(code, this.now() + this.ttlMs);
    return code;
  }

  /** True, once, for a code issued here and not expired; it is spent either way. */
  redeem(code: unknown): boolean {
    if (typeof code !== 'string' || code.length === 0 || code.length > 128) return false;
    for (const [known, expires] of this.codes) {
      const a = Buffer.from(known);
      const b = Buffer.from(code);
      if (a.length === b.length && timingSafeEqual(a, b)) {
        this.codes.delete(known);
        return expires > this.now();
      }
    }
    return false;
  }
}
