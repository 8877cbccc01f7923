import { LoginCodes } from './login-codes';

describe('LoginCodes', () => {
  it('redeems a code once, and never one it did not issue', () => {
    const codes = new LoginCodes();
    const code = codes.issue();
    expect(codes.redeem('x'.repeat(code.length))).toBe(false);
    expect(codes.redeem(code)).toBe(true);
    expect(codes.redeem(code)).toBe(false);
    for (const bad of [undefined, null, 42, '', 'a'.repeat(500), { code }]) expect(codes.redeem(bad)).toBe(false);
  });

  it('refuses (and spends) an expired code', () => {
    let now = 1_000;
    const codes = new LoginCodes(60_000, () => now);
    const late = codes.issue();
    const early = codes.issue();
    expect(codes.redeem(early)).toBe(true);
    now += 60_001;
    expect(codes.redeem(late)).toBe(false);
    now -= 60_001;
    expect(codes.redeem(late)).toBe(false);
  });
});
