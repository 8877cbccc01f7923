import { decodeKubeProtobuf } from './decode';
import { KubeProtobufError } from './errors';
import { encodeKubeProtobuf, encodeMessage, wrapEnvelope } from './test/encoder';
import { KUBECTL_BODIES, fromHex } from './test/kubectl-bodies';
import { ProtoWriter } from './test/proto-writer';

const cmBody = () => fromHex(KUBECTL_BODIES[0].hex);

function caught(fn: () => unknown): KubeProtobufError {
  try {
    fn();
  } catch (e) {
    if (e instanceof KubeProtobufError) return e;
    throw e;
  }
  throw new Error('expected a KubeProtobufError');
}

describe('decodeKubeProtobuf rejects malformed bodies with a one-line message', () => {
  it('wrong or missing magic', () => {
    const e = caught(() => decodeKubeProtobuf(Uint8Array.from(Buffer.from('{"kind":"ConfigMap"}'))));
    expect(e.reason).toBe('Malformed');
    expect(e.message).toBe('invalid protobuf body: body does not start with the k8s\\0 magic prefix');
    expect(() => decodeKubeProtobuf(new Uint8Array(0))).toThrow(/magic prefix/);
  });

  it('a body cut short anywhere inside a field', () => {
    const body = cmBody();
    // Cuts exactly between envelope fields leave a valid (shorter) envelope:
    // after TypeMeta (byte 21), after raw, after contentEncoding.
    const fieldBoundaries = [21, body.length - 4, body.length - 2];
    for (let len = 5; len < body.length; len++) {
      if (fieldBoundaries.includes(len)) continue;
      const e = caught(() => decodeKubeProtobuf(body.subarray(0, len)));
      expect(e.reason).toBe('Malformed');
      expect(e.message).not.toContain('\n');
    }
  });

  it('a length that runs past the end', () => {
    const raw = new ProtoWriter().tag(1, 2).varint(200).raw([1, 2, 3]).finish();
    expect(() => decodeKubeProtobuf(wrapEnvelope('v1', 'ConfigMap', raw))).toThrow(/runs past the end/);
  });

  it('a truncated varint inside the object', () => {
    const raw = new ProtoWriter().tag(4, 0).raw([0x80, 0x80]).finish();
    expect(() => decodeKubeProtobuf(wrapEnvelope('v1', 'ConfigMap', raw))).toThrow(/truncated varint/);
  });

  it('a compressed or non-protobuf payload', () => {
    const raw = encodeMessage({ metadata: { name: 'x' } }, 'core.ConfigMap');
    expect(() => decodeKubeProtobuf(wrapEnvelope('v1', 'ConfigMap', raw, 'gzip'))).toThrow(/contentEncoding "gzip"/);
    expect(() => decodeKubeProtobuf(wrapEnvelope('v1', 'ConfigMap', raw, '', 'application/json'))).toThrow(/contentType/);
  });

  it('an envelope without a kind', () => {
    expect(() => decodeKubeProtobuf(wrapEnvelope('v1', '', new Uint8Array(0)))).toThrow(/no kind/);
  });
});

describe('decodeKubeProtobuf refuses kinds it has no schema for', () => {
  it('reports UnsupportedKind, naming the kind', () => {
    const e = caught(() => decodeKubeProtobuf(wrapEnvelope('v1', 'Secret', new Uint8Array(0))));
    expect(e.reason).toBe('UnsupportedKind');
    expect(e.message).toBe('no protobuf schema for v1, Kind=Secret');
    expect(caught(() => decodeKubeProtobuf(wrapEnvelope('apps/v2', 'Deployment', new Uint8Array(0)))).reason).toBe('UnsupportedKind');
  });
});

describe('decodeKubeProtobuf is forward compatible', () => {
  const expected = KUBECTL_BODIES[0].json;

  it('skips unknown fields of every wire type, at any level', () => {
    const meta = new ProtoWriter()
      .string(1, 'demo')
      .uint(99, 7)
      .fixed32(98, 1)
      .double(97, 2.5)
      .bytes(96, new ProtoWriter().string(1, 'nested').finish())
      .bytes(8, new Uint8Array(0))
      .finish();
    const raw = new ProtoWriter()
      .bytes(1, meta)
      .bytes(2, new ProtoWriter().string(1, 'a').string(2, '1').uint(3, 5).finish())
      .bytes(2, new ProtoWriter().string(1, 'b').string(2, '2').finish())
      .string(500, 'from a newer kubectl')
      .finish();
    expect(decodeKubeProtobuf(wrapEnvelope('v1', 'ConfigMap', raw)).object).toEqual(expected);
  });

  it('skips a known field sent with an unexpected wire type', () => {
    const raw = new ProtoWriter().bytes(1, new ProtoWriter().string(1, 'demo').uint(3, 1).bytes(8, []).finish()).finish();
    expect(decodeKubeProtobuf(wrapEnvelope('v1', 'ConfigMap', raw)).object).toEqual({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'demo', creationTimestamp: null } });
  });

  it('skips unknown envelope fields', () => {
    const typeMeta = new ProtoWriter().string(1, 'v1').string(2, 'ConfigMap').string(3, 'extra').finish();
    const raw = encodeMessage({ metadata: { name: 'x' } }, 'core.ConfigMap');
    const unknown = new ProtoWriter().bytes(1, typeMeta).uint(9, 1).bytes(2, raw).finish();
    const body = Uint8Array.from([0x6b, 0x38, 0x73, 0x00, ...unknown]);
    expect(decodeKubeProtobuf(body).object).toEqual({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'x' } });
  });
});

describe('decodeKubeProtobuf edge cases', () => {
  it('accepts packed repeated numbers as well as unpacked', () => {
    const packed = new ProtoWriter().varint(1).varint(2).varint(300).finish();
    const sc = new ProtoWriter().bytes(4, packed).uint(4, 4).finish();
    const spec = new ProtoWriter().bytes(14, sc).finish();
    const obj = decodeKubeProtobuf(wrapEnvelope('v1', 'Pod', new ProtoWriter().bytes(2, spec).finish())).object;
    expect(obj.spec).toEqual({ securityContext: { supplementalGroups: [1, 2, 300, 4] } });
  });

  it('decodes negative int32 and int64 values', () => {
    const body = encodeKubeProtobuf({ kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: -1 });
    expect(decodeKubeProtobuf(body).object.gracePeriodSeconds).toBe(-1);
  });

  it('stores a "__proto__" map key as data, without touching prototypes', () => {
    const data0 = JSON.parse('{"__proto__":"x","ok":"y"}') as Record<string, string>;
    const body = encodeKubeProtobuf({ kind: 'ConfigMap', apiVersion: 'v1', data: data0 });
    const data = decodeKubeProtobuf(body).object.data as Record<string, unknown>;
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(Object.keys(data)).toEqual(['__proto__', 'ok']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('fills a map entry with no value with the zero value', () => {
    const raw = new ProtoWriter().bytes(2, new ProtoWriter().string(1, 'k').finish()).bytes(3, new ProtoWriter().string(1, 'b').finish()).finish();
    expect(decodeKubeProtobuf(wrapEnvelope('v1', 'ConfigMap', raw)).object).toEqual({ kind: 'ConfigMap', apiVersion: 'v1', data: { k: '' }, binaryData: { b: '' } });
  });

  it('lets the last occurrence of a scalar win, a later zero clearing it', () => {
    const meta = new ProtoWriter().string(2, 'gen-').string(2, '').string(1, 'a').string(1, 'b').finish();
    const obj = decodeKubeProtobuf(wrapEnvelope('v1', 'ConfigMap', new ProtoWriter().bytes(1, meta).finish())).object;
    expect(obj.metadata).toEqual({ name: 'b' });
  });
});
