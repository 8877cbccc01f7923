import { decodeMessageJson } from './decode-message';
import { type MessageTable, REP, dbl, enumeration, i32, map, msg, str } from './descriptor';
import { KubeProtobufError } from './errors';
import { ProtoWriter } from './test/proto-writer';

// A synthetic schema for what the k8s tables do not exercise: recursion,
// enums, doubles and maps of non-string scalars.
const TABLE: MessageTable = {
  't.Node': { 1: msg('child', 't.Node'), 2: str('name') },
  't.Misc': {
    1: enumeration('phase', { 0: 'Unknown', 1: 'Running', 2: 'Done' }),
    2: dbl('ratio'),
    3: map('counts', 'int32'),
    4: enumeration('phases', { 0: 'Unknown', 1: 'Running' }, REP),
    5: i32('n'),
  },
};

const decode = (bytes: Uint8Array, message: string) => decodeMessageJson(bytes, 0, bytes.length, message, TABLE);

describe('decodeMessageJson', () => {
  it('refuses nesting deeper than its limit instead of overflowing the stack', () => {
    let bytes = new ProtoWriter().string(2, 'leaf').finish();
    for (let i = 0; i < 30; i++) bytes = new ProtoWriter().bytes(1, bytes).finish();
    expect(JSON.stringify(decode(bytes, 't.Node'))).toContain('leaf');
    for (let i = 0; i < 100; i++) bytes = new ProtoWriter().bytes(1, bytes).finish();
    expect(() => decode(bytes, 't.Node')).toThrow(KubeProtobufError);
    expect(() => decode(bytes, 't.Node')).toThrow(/nested deeper than 64/);
  });

  it('writes enums as their names, unknown values as numbers, and drops the zero value', () => {
    expect(decode(new ProtoWriter().uint(1, 2).finish(), 't.Misc')).toEqual({ phase: 'Done' });
    expect(decode(new ProtoWriter().uint(1, 9).finish(), 't.Misc')).toEqual({ phase: 9 });
    expect(decode(new ProtoWriter().uint(1, 0).finish(), 't.Misc')).toEqual({});
    expect(decode(new ProtoWriter().uint(4, 0).uint(4, 1).finish(), 't.Misc')).toEqual({ phases: ['Unknown', 'Running'] });
  });

  it('reads doubles and maps of numbers', () => {
    const bytes = new ProtoWriter()
      .double(2, 0.25)
      .bytes(3, new ProtoWriter().string(1, 'a').uint(2, 3).finish())
      .bytes(3, new ProtoWriter().string(1, 'b').finish())
      .finish();
    expect(decode(bytes, 't.Misc')).toEqual({ ratio: 0.25, counts: { a: 3, b: 0 } });
  });

  it('treats an unknown message name as a schema bug, not a body error', () => {
    expect(() => decode(new Uint8Array(0), 't.Missing')).toThrow('kube-protobuf schema has no message t.Missing');
  });
});
