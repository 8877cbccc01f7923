import { encodeMessage } from './protobuf-writer';
import { openApiV2 } from './v2';
import { encodeOpenApiV2, openApiV2Protobuf } from './v2-proto';

type Field = number | Uint8Array;

/** A minimal protobuf reader (varint and length-delimited fields), enough to check the encoding. */
function read(buf: Uint8Array): Map<number, Field[]> {
  const fields = new Map<number, Field[]>();
  let at = 0;
  const varint = (): number => {
    let n = 0;
    let mul = 1;
    for (;;) {
      const b = buf[at++];
      n += (b & 0x7f) * mul;
      if (b < 0x80) return n;
      mul *= 0x80;
    }
  };
  while (at < buf.length) {
    const key = varint();
    const no = Math.floor(key / 8);
    const wire = key % 8;
    let value: Field;
    if (wire === 0) value = varint();
    else if (wire === 2) {
      const len = varint();
      value = buf.subarray(at, at + len);
      at += len;
    } else throw new Error(`unexpected wire type ${wire}`);
    fields.set(no, [...(fields.get(no) ?? []), value]);
  }
  return fields;
}
const text = (f: Field | undefined) => new TextDecoder().decode(f as Uint8Array);
const sub = (m: Map<number, Field[]>, no: number) => read(m.get(no)![0] as Uint8Array);

describe('encodeMessage', () => {
  it('writes varints little-endian in 7-bit groups and skips proto3 defaults', () => {
    expect([...encodeMessage([[1, 300]])]).toEqual([0x08, 0xac, 0x02]);
    expect([...encodeMessage([[2, 'hi'], [3, false], [4, ''], [5, true]])]).toEqual([0x12, 2, 0x68, 0x69, 0x28, 1]);
  });
});

describe('openApiV2Protobuf', () => {
  const doc = read(openApiV2Protobuf());
  const json = openApiV2() as Record<string, any>;

  it('encodes a gnostic Document with the swagger version, info, every path and every definition', () => {
    expect(text(doc.get(1)![0])).toBe('2.0');
    expect(text(sub(doc, 2).get(1)![0])).toBe(json.info.title);
    expect(sub(doc, 8).get(2)!.length).toBe(Object.keys(json.paths).length);
    expect(sub(doc, 9).get(1)!.length).toBe(Object.keys(json.definitions).length);
  });

  it('carries vendor extensions of a definition as YAML-readable text', () => {
    const pod = sub(doc, 9).get(1)!.map((e) => read(e as Uint8Array)).find((e) => text(e.get(1)![0]) === 'io.k8s.api.core.v1.Pod')!;
    const schema = read(pod.get(2)![0] as Uint8Array);
    const ext = schema.get(31)!.map((e) => read(e as Uint8Array));
    const gvk = ext.find((e) => text(e.get(1)![0]) === 'x-kubernetes-group-version-kind')!;
    expect(JSON.parse(text(read(gvk.get(2)![0] as Uint8Array).get(2)![0]))).toEqual([{ group: '', kind: 'Pod', version: 'v1' }]);
    expect(text(read(schema.get(22)![0] as Uint8Array).get(1)![0])).toBe('object');
  });

  it('encodes the fieldValidation query parameter of a PATCH operation where kubectl looks for it', () => {
    const path = sub(doc, 8).get(2)!.map((e) => read(e as Uint8Array))
      .find((e) => text(e.get(1)![0]) === '/api/v1/namespaces/{namespace}/pods/{name}')!;
    const patch = sub(read(path.get(2)![0] as Uint8Array), 8);
    // ParametersItem.parameter -> Parameter.non_body_parameter -> NonBodyParameter.query_parameter_sub_schema -> name
    const names = patch.get(8)!.map((p) => sub(read(p as Uint8Array), 1)).filter((p) => p.has(2))
      .map((p) => text(sub(sub(p, 2), 3).get(4)![0]));
    expect(names).toEqual(['dryRun', 'fieldManager', 'fieldValidation', 'force']);
  });

  it('is the encoding of the JSON document', () => {
    // Compared as buffers: an element-wise diff of 300 kB is slow.
    expect(Buffer.from(openApiV2Protobuf()).equals(Buffer.from(encodeOpenApiV2(openApiV2())))).toBe(true);
  });
});
