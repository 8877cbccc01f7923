import { fields, ProtobufDecodeError, varintSize, Writer } from './protobuf';
import { decodeUuid, uuidFromString, uuidToString, writeUuid } from './uuid';

describe('protobuf wire codec', () => {
  it('round-trips varints across byte boundaries', () => {
    const values = [0, 1, 127, 128, 300, 16383, 16384, 2 ** 28 - 1, 2 ** 28, 2 ** 35 + 7, Number.MAX_SAFE_INTEGER];
    const w = new Writer(4);
    values.forEach((v, i) => w.uint(i + 1, v));
    const got = [...fields(w.finish())].map((f) => [f.field, f.num]);
    expect(got).toEqual(values.map((v, i) => [i + 1, v]));
    expect(values.map(varintSize)).toEqual([1, 1, 1, 2, 2, 2, 3, 4, 5, 6, 8]);
  });

  it('nests messages with fork/join, growing the buffer as needed', () => {
    const big = 'x'.repeat(1000);
    const w = new Writer(2);
    w.fork().string(1, big).fork().uint(1, 42).join(2).join(7).uint(8, 5);
    const outer = [...fields(w.finish())];
    expect(outer.map((f) => f.field)).toEqual([7, 8]);
    const inner = [...fields(outer[0].bytes)];
    expect(inner[0].bytes.toString()).toBe(big);
    expect([...fields(inner[1].bytes)][0].num).toBe(42);
  });

  it('writes negative int64 as ten-byte two complement and reads it back', () => {
    const w = new Writer();
    w.int64(1, -2n);
    const buf = w.finish();
    expect(buf.length).toBe(11);
    expect(BigInt.asIntN(64, [...fields(buf)][0].big)).toBe(-2n);
  });

  it('rejects truncated input', () => {
    const buf = new Writer().string(1, 'hello').finish();
    expect(() => [...fields(buf.subarray(0, 4))]).toThrow(ProtobufDecodeError);
    expect(() => [...fields(Buffer.from([0x80]))]).toThrow(ProtobufDecodeError);
  });

  it('converts UUIDs between text, structured and string wire forms', () => {
    const text = '0f8fad5b-d9cb-469f-a165-70867728950e';
    const id = uuidFromString(text);
    expect(uuidToString(id)).toBe(text);
    for (const structured of [true, false]) {
      const w = new Writer();
      writeUuid(w, 1, id, structured);
      const f = [...fields(w.finish())][0];
      expect(uuidToString(decodeUuid(f.bytes))).toBe(text);
    }
    expect(() => uuidFromString('not-a-uuid')).toThrow(ProtobufDecodeError);
  });
});
