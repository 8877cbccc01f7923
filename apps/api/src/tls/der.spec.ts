import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  derBitString,
  derBoolean,
  derExplicit,
  derGeneralizedTime,
  derIa5String,
  derImplicit,
  derInteger,
  derLength,
  derNamedBitString,
  derNull,
  derOctetString,
  derOid,
  derPrintableString,
  derSequence,
  derSet,
  derTime,
  derUtcTime,
  derUtf8String,
} from './der';
import { decodeDer, derChildren, readDerElement, readOid } from './der-reader';
import { itWithOpenssl, makeTempDir, openssl } from './testing/tools';

const hex = (b: Buffer) => b.toString('hex');

describe('DER encoder', () => {
  it('writes short lengths in one octet and long ones in the fewest octets', () => {
    expect(hex(derLength(0))).toBe('00');
    expect(hex(derLength(127))).toBe('7f');
    expect(hex(derLength(128))).toBe('8180');
    expect(hex(derLength(255))).toBe('81ff');
    expect(hex(derLength(256))).toBe('820100');
    expect(hex(derLength(65536))).toBe('83010000');
    expect(hex(derOctetString(Buffer.alloc(200)).subarray(0, 3))).toBe('0481c8');
    expect(hex(derOctetString(Buffer.alloc(300)).subarray(0, 4))).toBe('0482012c');
    expect(() => derLength(-1)).toThrow(RangeError);
  });

  it('encodes INTEGERs minimally, adding 0x00 before a set high bit', () => {
    expect(hex(derInteger(0))).toBe('020100');
    expect(hex(derInteger(127))).toBe('02017f');
    expect(hex(derInteger(128))).toBe('02020080');
    expect(hex(derInteger(256))).toBe('02020100');
    expect(hex(derInteger(2n ** 64n))).toBe('0209010000000000000000');
    expect(hex(derInteger(Buffer.from('0000017f', 'hex')))).toBe('0202017f');
    expect(hex(derInteger(Buffer.alloc(3)))).toBe('020100');
    const serial = Buffer.alloc(16, 0xff);
    expect(hex(derInteger(serial))).toBe(`021100${'ff'.repeat(16)}`);
    expect(() => derInteger(-1)).toThrow(RangeError);
    expect(() => derInteger(1.5)).toThrow(RangeError);
  });

  it('encodes BOOLEAN TRUE as 0xFF, NULL, and strings', () => {
    expect(hex(derBoolean(true))).toBe('0101ff');
    expect(hex(derBoolean(false))).toBe('010100');
    expect(hex(derNull())).toBe('0500');
    expect(hex(derUtf8String('é'))).toBe('0c02c3a9');
    expect(hex(derPrintableString('CA 1'))).toBe('130443412031');
    expect(() => derPrintableString('a@b')).toThrow(RangeError);
    expect(hex(derIa5String('a.b'))).toBe('1603612e62');
    expect(() => derIa5String('é')).toThrow(RangeError);
  });

  it('encodes BIT STRINGs and named bit lists without trailing zero bits', () => {
    expect(hex(derBitString(Buffer.from([0xab])))).toBe('030200ab');
    expect(hex(derBitString(Buffer.from([0x80]), 7))).toBe('03020780');
    expect(() => derBitString(Buffer.from([0x81]), 7)).toThrow(RangeError);
    expect(hex(derNamedBitString([0, 5, 6]))).toBe('03020186'); // CA keyUsage
    expect(hex(derNamedBitString([0, 2]))).toBe('030205a0'); // server keyUsage
    expect(hex(derNamedBitString([8]))).toBe('0303070080');
    expect(hex(derNamedBitString([]))).toBe('030100');
  });

  it('encodes OBJECT IDENTIFIERs in base 128 and reads them back', () => {
    expect(hex(derOid('1.2.840.113549.1.1.11'))).toBe('06092a864886f70d01010b');
    expect(hex(derOid('2.5.29.17'))).toBe('0603551d11');
    expect(hex(derOid('1.2.840.10045.4.3.2'))).toBe('06082a8648ce3d040302');
    expect(hex(derOid('2.999.3'))).toBe('0603883703'); // the X.690 example
    for (const oid of ['2.5.4.3', '1.3.6.1.5.5.7.3.1', '2.999.3', '1.2.840.10045.2.1', '0.0']) {
      expect(readOid(decodeDer(derOid(oid)))).toBe(oid);
    }
    for (const bad of ['', '1', '3.1', '1.40', '1.02', '1..2']) expect(() => derOid(bad)).toThrow(RangeError);
  });

  it('uses UTCTime through 2049 and GeneralizedTime from 2050, to the second', () => {
    const ascii = (b: Buffer) => b.subarray(2).toString('ascii');
    expect(ascii(derUtcTime(new Date('2026-03-04T05:06:07.890Z')))).toBe('260304050607Z');
    const lastUtc = derTime(new Date('2049-12-31T23:59:59.999Z'));
    expect(lastUtc[0]).toBe(0x17);
    expect(ascii(lastUtc)).toBe('491231235959Z');
    const firstGeneralized = derTime(new Date('2050-01-01T00:00:00Z'));
    expect(firstGeneralized[0]).toBe(0x18);
    expect(ascii(firstGeneralized)).toBe('20500101000000Z');
    expect(derTime(new Date('1949-06-01T00:00:00Z'))[0]).toBe(0x18);
    expect(ascii(derGeneralizedTime(new Date('2126-11-25T00:00:00Z')))).toBe('21261125000000Z');
    expect(() => derUtcTime(new Date('2050-01-01T00:00:00Z'))).toThrow(RangeError);
    expect(() => derTime(new Date(NaN))).toThrow(RangeError);
  });

  it('builds SEQUENCEs in order, SETs sorted, and context-specific tags', () => {
    expect(hex(derSequence(derInteger(2), derInteger(1)))).toBe('3006020102020101');
    expect(hex(derSet(derInteger(2), derInteger(1)))).toBe('3106020101020102');
    expect(hex(derSequence())).toBe('3000');
    expect(hex(derExplicit(0, derInteger(2)))).toBe('a003020102');
    expect(hex(derExplicit(3, derSequence()))).toBe('a3023000');
    expect(hex(derImplicit(2, Buffer.from('ab')))).toBe('82026162');
    expect(hex(derImplicit(7, Buffer.from([127, 0, 0, 1])))).toBe('87047f000001');
    expect(hex(derImplicit(1, Buffer.alloc(0), true))).toBe('a100');
    expect(() => derExplicit(31, derNull())).toThrow(RangeError);
  });
});

describe('DER reader', () => {
  it('walks nested elements written by the encoder', () => {
    const big = derOctetString(Buffer.alloc(1000, 7));
    const root = decodeDer(derSequence(derExplicit(0, derInteger(2)), big, derSet(derNull())));
    const [tagged, octets, set] = derChildren(root);
    expect(tagged.tag).toBe(0xa0);
    expect(hex(derChildren(tagged)[0].raw)).toBe('020102');
    expect(octets.content.length).toBe(1000);
    expect(set.tag).toBe(0x31);
  });

  it('rejects encodings that are not DER', () => {
    expect(() => decodeDer(Buffer.from('3080020100' + '0000', 'hex'))).toThrow(/indefinite/);
    expect(() => decodeDer(Buffer.from('04810100', 'hex'))).toThrow(/long-form/);
    expect(() => decodeDer(Buffer.from('0482000100', 'hex'))).toThrow(/leading zero/);
    expect(() => decodeDer(Buffer.from('02020102ff', 'hex'))).toThrow(/trailing/);
    expect(() => readDerElement(Buffer.from('0405010203', 'hex'))).toThrow(/past the end/);
  });
});

describe('DER checked by openssl asn1parse', () => {
  const tmp = makeTempDir();
  afterAll(tmp.remove);

  itWithOpenssl()('parses a structure that uses every encoder', () => {
    const der = derSequence(
      derExplicit(0, derInteger(2)),
      derInteger(Buffer.alloc(16, 0xfe)),
      derBoolean(true),
      derNull(),
      derOid('1.2.840.10045.4.3.2'),
      derSet(derSequence(derOid('2.5.4.3'), derUtf8String('chronokube')), derPrintableString('Example')),
      derUtcTime(new Date('2030-01-02T03:04:05Z')),
      derGeneralizedTime(new Date('2051-01-02T03:04:05Z')),
      derNamedBitString([0, 5, 6]),
      derOctetString(Buffer.alloc(300, 1)),
      derImplicit(2, Buffer.from('localhost')),
    );
    const file = join(tmp.dir, 'all.der');
    writeFileSync(file, der);
    const out = openssl(['asn1parse', '-inform', 'DER', '-in', file]);
    expect(out).toMatch(/cont \[ 0 \]/);
    expect(out).toMatch(/INTEGER\s+:02/);
    expect(out).toMatch(/l=  17 prim: INTEGER\s+:(FE){16}\n/);
    expect(out).toMatch(/BOOLEAN\s+:255/);
    expect(out).toMatch(/NULL/);
    expect(out).toMatch(/OBJECT\s+:ecdsa-with-SHA256/);
    expect(out).toMatch(/UTF8STRING\s+:chronokube/);
    expect(out).toMatch(/PRINTABLESTRING\s+:Example/);
    expect(out).toMatch(/UTCTIME\s+:300102030405Z/);
    expect(out).toMatch(/GENERALIZEDTIME\s+:20510102030405Z/);
    expect(out).toMatch(/BIT STRING/);
    expect(out).toMatch(/hl=4 l= 300 prim: OCTET STRING/);
    expect(out).toMatch(/cont \[ 2 \]/);
    expect(out).not.toMatch(/error/i);
  });
});
