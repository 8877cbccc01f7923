import fc from 'fast-check';
import { base64Bytes, base64Text, utf8Bytes, utf8Length, utf8Text } from './bytes';

// Buffer is the reference these replace (this spec runs on Node; the code itself never touches Buffer).
describe('bytes without Buffer', () => {
  it('UTF-8 bytes, text and length agree with Buffer for any string, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const ours = utf8Bytes(s);
        expect(Buffer.from(ours).equals(Buffer.from(s, 'utf8'))).toBe(true);
        expect(utf8Length(s)).toBe(Buffer.byteLength(s, 'utf8'));
        expect(utf8Text(ours)).toBe(Buffer.from(s, 'utf8').toString('utf8'));
      }),
      { numRuns: 2000 },
    );
    expect(utf8Length('\ud800x')).toBe(4);
  });

  it('decodes a slice of malformed UTF-8 as Buffer does', () => {
    const bytes = new Uint8Array([0x41, 0xc3, 0x28, 0xe2, 0x82, 0xac, 0xff, 0x42]);
    expect(utf8Text(bytes, 1, 7)).toBe(Buffer.from(bytes).toString('utf8', 1, 7));
  });

  it('base64 both ways agrees with Buffer, for any bytes and for sloppy input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const text = base64Text(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect(Buffer.from(base64Bytes(text)).equals(Buffer.from(bytes))).toBe(true);
        const url = Buffer.from(bytes).toString('base64url');
        expect(Buffer.from(base64Bytes(url)).equals(Buffer.from(url, 'base64'))).toBe(true);
      }),
      { numRuns: 2000 },
    );
    for (const sloppy of ['aGVs bG8=', 'aGVsbG8', 'a', 'ab=cd', '!!aGk=', 'aGk=\n', 'é']) {
      expect(Buffer.from(base64Bytes(sloppy)).equals(Buffer.from(sloppy, 'base64'))).toBe(true);
    }
  });
});
