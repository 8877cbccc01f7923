import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { ApiError } from '@chronokube/core';
import { apiError } from '../testing/api-error';
import {
  MAX_BODY_BYTES,
  PATCH_TYPES,
  decodeDeleteOptionsBody,
  decodeObjectBody,
  decodePatchBody,
  mediaType,
  readBody,
} from './body';

const PROTOBUF = 'application/vnd.kubernetes.protobuf';
const buf = (text: string) => Buffer.from(text, 'utf8');


// A few bytes of the protobuf wire format, enough for an envelope.
function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}
function field(num: number, bytes: number[] | string): number[] {
  const data = typeof bytes === 'string' ? [...Buffer.from(bytes, 'utf8')] : bytes;
  return [...varint((num << 3) | 2), ...varint(data.length), ...data];
}
function varintField(num: number, value: number): number[] {
  return [...varint(num << 3), ...varint(value)];
}
/** "k8s\0" + runtime.Unknown{typeMeta{apiVersion, kind}, raw}. */
function envelope(apiVersion: string, kind: string, raw: number[]): Buffer {
  return Buffer.from([0x6b, 0x38, 0x73, 0x00, ...field(1, [...field(1, apiVersion), ...field(2, kind)]), ...field(2, raw)]);
}

/** A request stream with headers: all readBody looks at. */
function fakeRequest(chunks: Buffer[], headers: Record<string, string> = {}): IncomingMessage {
  return Object.assign(Readable.from(chunks), { headers }) as unknown as IncomingMessage;
}

describe('mediaType', () => {
  it('drops parameters, trims and lower-cases', () => {
    expect(mediaType('Application/JSON; charset=utf-8')).toBe('application/json');
    expect(mediaType(' application/yaml ')).toBe('application/yaml');
    expect(mediaType(undefined)).toBe('');
  });
});

describe('readBody', () => {
  it('concatenates every chunk of the body', async () => {
    const body = await readBody(fakeRequest([buf('{"a":'), buf('1}')]));
    expect(body.toString('utf8')).toBe('{"a":1}');
  });

  it('reads an empty body as an empty buffer', async () => {
    expect((await readBody(fakeRequest([]))).length).toBe(0);
  });

  it('accepts a body of exactly the limit', async () => {
    const body = await readBody(fakeRequest([Buffer.alloc(6), Buffer.alloc(4)]), 10);
    expect(body.length).toBe(10);
  });

  it('rejects with 413 as soon as the streamed body passes the limit', async () => {
    const err = await readBody(fakeRequest([Buffer.alloc(6), Buffer.alloc(5), Buffer.alloc(100)]), 10).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe(413);
    expect((err as ApiError).reason).toBe('RequestEntityTooLarge');
    expect((err as ApiError).message).toBe('the request entity is too large: limit is 10 bytes');
  });

  it('rejects with 413 up front when Content-Length declares too much', async () => {
    const err = await readBody(fakeRequest([buf('tiny')], { 'content-length': '11' }), 10).catch((e: unknown) => e);
    expect((err as ApiError).code).toBe(413);
  });

  it('defaults to kube-apiserver’s 3 MiB limit', async () => {
    expect(MAX_BODY_BYTES).toBe(3 * 1024 * 1024);
    const err = await readBody(fakeRequest([], { 'content-length': String(MAX_BODY_BYTES + 1) })).catch((e: unknown) => e);
    expect((err as ApiError).message).toBe(`the request entity is too large: limit is ${MAX_BODY_BYTES} bytes`);
  });

  it('passes a stream error on', async () => {
    const req = Object.assign(
      new Readable({
        read() {
          this.destroy(new Error('socket hang up'));
        },
      }),
      { headers: {} },
    ) as unknown as IncomingMessage;
    await expect(readBody(req)).rejects.toThrow('socket hang up');
  });
});

describe('decodeObjectBody', () => {
  it('decodes JSON, with or without a Content-Type or charset', () => {
    const text = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"k":"v"}}';
    const expected = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { k: 'v' } };
    expect(decodeObjectBody('application/json', buf(text))).toEqual(expected);
    expect(decodeObjectBody('application/json; charset=utf-8', buf(text))).toEqual(expected);
    expect(decodeObjectBody(undefined, buf(text))).toEqual(expected);
    expect(decodeObjectBody('*/*', buf(text))).toEqual(expected);
  });

  it('decodes YAML with the JSON schema (no YAML 1.1 surprises such as dates)', () => {
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  when: 2024-01-01\n  n: "1"\n';
    const obj = decodeObjectBody('application/yaml', buf(yaml));
    expect(obj).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { when: '2024-01-01', n: '1' } });
    expect(decodeObjectBody('application/x-yaml', buf('metadata: {name: d}'))).toEqual({ metadata: { name: 'd' } });
  });

  it('decodes a Kubernetes protobuf ConfigMap', () => {
    const raw = [...field(1, field(1, 'cm1')), ...field(2, [...field(1, 'k'), ...field(2, 'v')])];
    const obj = decodeObjectBody(PROTOBUF, envelope('v1', 'ConfigMap', raw));
    expect(obj).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm1' }, data: { k: 'v' } });
  });

  it('is 415 for a protobuf kind it has no schema for', () => {
    const err = apiError(() => decodeObjectBody(PROTOBUF, envelope('v1', 'Secret', field(1, field(1, 's')))));
    expect(err.code).toBe(415);
    expect(err.reason).toBe('UnsupportedMediaType');
    expect(err.message).toBe(
      'the body of the request was in an unknown format (application/vnd.kubernetes.protobuf) - accepted media types include: application/json, application/yaml',
    );
  });

  it('is 400 for protobuf bytes that do not decode', () => {
    const err = apiError(() => decodeObjectBody(PROTOBUF, buf('{"not":"protobuf"}')));
    expect(err.code).toBe(400);
    expect(err.message).toMatch(/^error decoding protobuf body: /);
  });

  it('is 400 for malformed JSON and YAML', () => {
    const json = apiError(() => decodeObjectBody('application/json', buf('{"metadata":')));
    expect(json.code).toBe(400);
    expect(json.message).toMatch(/^error decoding request body: json parse error: /);
    const yaml = apiError(() => decodeObjectBody('application/yaml', buf('a: [1, 2\nb: : c')));
    expect(yaml.code).toBe(400);
    expect(yaml.message).toMatch(/^error decoding YAML: /);
    expect(yaml.message).not.toContain('\n');
  });

  it('is 400 for an empty body', () => {
    expect(apiError(() => decodeObjectBody('application/json', buf('  \n'))).message).toBe('the request body is empty');
    expect(apiError(() => decodeObjectBody('application/yaml', buf(''))).message).toBe('the request body is empty');
  });

  it('is 400 when the body is valid but not an object', () => {
    for (const text of ['[1,2]', '"pod"', '42', 'null', 'true']) {
      const err = apiError(() => decodeObjectBody('application/json', buf(text)));
      expect(err.code).toBe(400);
      expect(err.message).toBe('the request body must be a JSON object');
    }
    expect(apiError(() => decodeObjectBody('application/yaml', buf('- a\n- b\n'))).code).toBe(400);
  });

  it('is 415 for a content type it does not speak, listing what it does', () => {
    const err = apiError(() => decodeObjectBody('text/plain', buf('{}')));
    expect(err.code).toBe(415);
    expect(err.message).toBe(
      'the body of the request was in an unknown format (text/plain) - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf',
    );
  });
});

describe('decodePatchBody', () => {
  it('maps each patch content type to its patch type', () => {
    expect(PATCH_TYPES).toEqual({
      'application/json-patch+json': 'json',
      'application/merge-patch+json': 'merge',
      'application/strategic-merge-patch+json': 'strategic',
      'application/apply-patch+yaml': 'apply',
    });
  });

  it('decodes a JSON patch as an array of operations', () => {
    const ops = [{ op: 'replace', path: '/spec/replicas', value: 3 }];
    expect(decodePatchBody('application/json-patch+json', buf(JSON.stringify(ops)))).toEqual({ type: 'json', patch: ops });
  });

  it('decodes merge and strategic merge patches as objects, ignoring parameters', () => {
    const patch = { metadata: { labels: { a: 'b' } } };
    expect(decodePatchBody('application/merge-patch+json; charset=utf-8', buf(JSON.stringify(patch)))).toEqual({ type: 'merge', patch });
    expect(decodePatchBody('application/strategic-merge-patch+json', buf(JSON.stringify(patch)))).toEqual({ type: 'strategic', patch });
  });

  it('decodes an apply patch from YAML (or JSON)', () => {
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  on: "yes"\n';
    expect(decodePatchBody('application/apply-patch+yaml', buf(yaml))).toEqual({
      type: 'apply',
      patch: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { on: 'yes' } },
    });
    expect(decodePatchBody('application/apply-patch+yaml', buf('{"kind":"ConfigMap"}')).patch).toEqual({ kind: 'ConfigMap' });
  });

  it('is 400 when a JSON patch is not an array', () => {
    const err = apiError(() => decodePatchBody('application/json-patch+json', buf('{"op":"add"}')));
    expect(err.code).toBe(400);
    expect(err.message).toBe('json patch must be a JSON array of operations');
  });

  it('is 400 when a merge, strategic or apply patch is not an object', () => {
    for (const [type, text] of [
      ['application/merge-patch+json', '[]'],
      ['application/strategic-merge-patch+json', 'null'],
      ['application/merge-patch+json', '"x"'],
      ['application/apply-patch+yaml', '- a'],
    ]) {
      const err = apiError(() => decodePatchBody(type, buf(text)));
      expect(err.code).toBe(400);
      expect(err.message).toBe('the patch must be a JSON object');
    }
  });

  it('is 400 for a malformed or empty patch, naming it', () => {
    const err = apiError(() => decodePatchBody('application/merge-patch+json', buf('{')));
    expect(err.code).toBe(400);
    expect(err.message).toMatch(/^error decoding patch: json parse error: /);
    expect(apiError(() => decodePatchBody('application/json-patch+json', buf(''))).message).toBe('the patch is empty');
    expect(apiError(() => decodePatchBody('application/apply-patch+yaml', buf('a: : b'))).message).toMatch(/^error decoding YAML: /);
  });

  it('is 415 for a content type that is not a patch type, listing the patch types', () => {
    for (const type of ['application/json', undefined]) {
      const err = apiError(() => decodePatchBody(type, buf('{}')));
      expect(err.code).toBe(415);
      expect(err.message).toContain('accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml');
    }
    expect(apiError(() => decodePatchBody(undefined, buf('{}'))).message).toContain('unknown format (none)');
  });
});

describe('decodeDeleteOptionsBody', () => {
  it('reads an empty or blank body as no options', () => {
    expect(decodeDeleteOptionsBody('application/json', Buffer.alloc(0))).toBeUndefined();
    expect(decodeDeleteOptionsBody(undefined, buf(' \n'))).toBeUndefined();
  });

  it('decodes a JSON DeleteOptions whatever the Content-Type says, protobuf aside', () => {
    const opts = { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Foreground', gracePeriodSeconds: 0 };
    expect(decodeDeleteOptionsBody('application/json', buf(JSON.stringify(opts)))).toEqual(opts);
    expect(decodeDeleteOptionsBody(undefined, buf(JSON.stringify(opts)))).toEqual(opts);
  });

  it('decodes a protobuf DeleteOptions', () => {
    const raw = [...varintField(1, 0), ...field(4, 'Background')];
    const opts = decodeDeleteOptionsBody(PROTOBUF, envelope('meta.k8s.io/v1', 'DeleteOptions', raw));
    expect(opts).toMatchObject({ kind: 'DeleteOptions', propagationPolicy: 'Background' });
    expect(Number(opts?.gracePeriodSeconds)).toBe(0);
  });

  it('is 400 for malformed JSON, naming DeleteOptions', () => {
    const err = apiError(() => decodeDeleteOptionsBody('application/json', buf('{"propagationPolicy":')));
    expect(err.code).toBe(400);
    expect(err.message).toMatch(/^error decoding DeleteOptions: json parse error: /);
  });

  it('is 400 for a body that is not an object', () => {
    for (const text of ['[]', '"Foreground"', '0', 'null']) {
      const err = apiError(() => decodeDeleteOptionsBody('application/json', buf(text)));
      expect(err.code).toBe(400);
      expect(err.message).toBe('DeleteOptions must be a JSON object');
    }
  });

  it('is 400 for protobuf bytes that do not decode', () => {
    expect(apiError(() => decodeDeleteOptionsBody(PROTOBUF, buf('garbage'))).code).toBe(400);
  });
});
