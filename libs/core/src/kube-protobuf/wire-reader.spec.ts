import { KubeProtobufError } from './errors';
import { ProtoWriter } from './test/proto-writer';
import { cursor, readLengthDelimited, readSmallVarint, readTag, readVarint, skipField } from './wire-reader';

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('readVarint', () => {
  it('reads one-byte and multi-byte varints', () => {
    expect(readVarint(cursor(bytes(0x00)))).toBe(0n);
    expect(readVarint(cursor(bytes(0x7f)))).toBe(127n);
    expect(readVarint(cursor(bytes(0x90, 0x3f)))).toBe(8080n);
    expect(readVarint(cursor(bytes(0xac, 0x02)))).toBe(300n);
  });

  it('reads the full 64 bits, as a negative int32 on the wire needs', () => {
    const w = new ProtoWriter().varint(-1).finish();
    expect(w.length).toBe(10);
    expect(BigInt.asIntN(32, readVarint(cursor(w)))).toBe(-1n);
    expect(readVarint(cursor(new ProtoWriter().varint(2n ** 63n + 5n).finish()))).toBe(2n ** 63n + 5n);
  });

  it('advances the cursor past the varint', () => {
    const c = cursor(bytes(0xac, 0x02, 0x05));
    readVarint(c);
    expect(c.pos).toBe(2);
    expect(readSmallVarint(c)).toBe(5);
  });

  it('rejects a truncated varint', () => {
    expect(() => readVarint(cursor(bytes(0x80, 0x80)))).toThrow(/truncated varint/);
    expect(() => readSmallVarint(cursor(bytes(0xff)))).toThrow(KubeProtobufError);
  });

  it('rejects a varint longer than ten bytes', () => {
    expect(() => readVarint(cursor(bytes(...Array(11).fill(0x80), 0x01)))).toThrow(/longer than 10 bytes/);
  });

  it('respects the cursor end, not just the buffer end', () => {
    expect(() => readVarint(cursor(bytes(0x80, 0x01), 0, 1))).toThrow(/truncated/);
  });
});

describe('readSmallVarint', () => {
  it('falls back to the slow path above 28 bits', () => {
    expect(readSmallVarint(cursor(new ProtoWriter().varint(2 ** 40 + 3).finish()))).toBe(2 ** 40 + 3);
  });

  it('refuses lengths beyond a safe integer', () => {
    expect(() => readSmallVarint(cursor(new ProtoWriter().varint(2n ** 60n).finish()))).toThrow(/too large/);
  });
});

describe('readTag', () => {
  it('splits field number and wire type', () => {
    expect(readTag(cursor(bytes(0x0a)))).toEqual({ field: 1, wire: 2 });
    expect(readTag(cursor(bytes(0x80, 0x01)))).toEqual({ field: 16, wire: 0 });
  });

  it('rejects field number 0', () => {
    expect(() => readTag(cursor(bytes(0x02)))).toThrow(/field number 0/);
  });
});

describe('readLengthDelimited', () => {
  it('returns the payload bounds and moves past it', () => {
    const c = cursor(bytes(0x03, 1, 2, 3, 9));
    expect(readLengthDelimited(c)).toEqual({ start: 1, end: 4 });
    expect(c.pos).toBe(4);
  });

  it('rejects a length that runs past the end', () => {
    expect(() => readLengthDelimited(cursor(bytes(0x05, 1, 2)))).toThrow(/length 5 at byte 0 runs past the end/);
  });
});

describe('skipField', () => {
  it('skips each supported wire type', () => {
    const body = new ProtoWriter().uint(1, 300).double(2, 1.5).string(3, 'abc').fixed32(4, 7).uint(5, 1).finish();
    const c = cursor(body);
    for (let i = 0; i < 4; i++) skipField(c, readTag(c).wire);
    expect(readTag(c)).toEqual({ field: 5, wire: 0 });
  });

  it('rejects truncated fixed-width values', () => {
    expect(() => skipField(cursor(bytes(1, 2, 3)), 1)).toThrow(/truncated 64-bit/);
    expect(() => skipField(cursor(bytes(1, 2)), 5)).toThrow(/truncated 32-bit/);
  });

  it('rejects groups and undefined wire types', () => {
    expect(() => skipField(cursor(bytes()), 3)).toThrow(/unsupported wire type 3/);
    expect(() => skipField(cursor(bytes()), 7)).toThrow(/unsupported wire type 7/);
  });
});
