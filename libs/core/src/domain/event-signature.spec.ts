import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import {
  sortedJson,
  signingPayload,
  signMetadata,
  splitStoredSignature,
  verifySignature,
  verifyStoredSignature,
  type HmacSha256Hex,
} from './event-signature';

const hmacWith = (key: string): HmacSha256Hex => (message) => createHmac('sha256', key).update(message, 'utf8').digest('hex');
const hmac = hmacWith('install-key');

const event = {
  stream: 'namespace-prod',
  type: 'NamespaceCreated',
  data: { object: { metadata: { name: 'prod', labels: { b: '2', a: '1' } }, spec: { finalizers: ['kubernetes'] } } },
  metadata: { actor: 'admin', verb: 'create', correlationId: 'c-1', causationId: undefined },
};

describe('sortedJson (the canonical JSON signatures cover)', () => {
  it('sorts keys at every depth and follows JSON.stringify for everything else', () => {
    expect(sortedJson({ b: 1, a: { d: [3, undefined, () => 1], c: null }, e: undefined, n: NaN })).toBe(
      '{"a":{"c":null,"d":[3,null,null]},"b":1,"n":null}',
    );
    expect(sortedJson({ t: new Date(Date.UTC(2026, 0, 2)) })).toBe('{"t":"2026-01-02T00:00:00.000Z"}');
    expect(() => sortedJson({ big: 1n })).toThrow(TypeError);
  });

  it('gives the same text for a value and its JSON round trip, whatever the key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = sortedJson(value);
        expect(sortedJson(JSON.parse(JSON.stringify(value)))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        expect(sortedJson(reversed)).toBe(sortedJson(record));
      }),
    );
  });
});

/** What an older API server wrote: a v1 signature (bare hex over the sorted JSON). */
function signV1(h: HmacSha256Hex, e: typeof event): Record<string, unknown> {
  return { ...e.metadata, sig: h(signingPayload(e)) };
}

/** An event as a store holds it: JSON texts, as the official client writes them. */
function stored(e: { stream: string; type: string; data: unknown; metadata: Record<string, unknown> }) {
  return { stream: e.stream, type: e.type, dataJson: JSON.stringify(e.data), metadataJson: JSON.stringify(e.metadata) };
}

describe('v2 event signatures', () => {
  it('signs with "v2:" as the last metadata key, and verifies parsed (after a JSON round trip) and stored', () => {
    const metadata = signMetadata(hmac, event);
    expect(metadata.sig).toMatch(/^v2:[0-9a-f]{64}$/);
    expect(Object.keys(metadata).at(-1)).toBe('sig');
    expect(metadata.actor).toBe('admin');
    const s = stored({ ...event, metadata });
    const readBack = { ...event, data: JSON.parse(s.dataJson), metadata: JSON.parse(s.metadataJson) };
    expect(verifySignature(hmac, readBack)).toBeUndefined();
    expect(verifyStoredSignature(hmac, s.stream, s.type, s.dataJson, s.metadataJson)).toBeUndefined();
  });

  it('puts sig last even when the metadata already had one, and signs empty metadata as {}', () => {
    const resigned = signMetadata(hmac, { ...event, metadata: { sig: 'old', actor: 'admin' } });
    expect(Object.keys(resigned)).toEqual(['actor', 'sig']);
    const empty = signMetadata(hmac, { ...event, metadata: {} });
    const text = JSON.stringify(empty);
    expect(splitStoredSignature(text)).toEqual({ unsignedMetadataJson: '{}', hex: empty.sig.slice(3) });
    expect(verifyStoredSignature(hmac, event.stream, event.type, JSON.stringify(event.data), text)).toBeUndefined();
  });

  it('fails for a change to any byte of stream, type, data or metadata', () => {
    const metadata = signMetadata(hmac, event);
    const s = stored({ ...event, metadata });
    const fields = ['stream', 'type', 'dataJson', 'metadataJson'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.nat(), fc.integer({ min: 1, max: 0xffff }), (field, at, delta) => {
        const text = s[field];
        const i = at % text.length;
        const changed = { ...s, [field]: text.slice(0, i) + String.fromCharCode((text.charCodeAt(i) + delta) % 0x10000) + text.slice(i + 1) };
        const problem = verifyStoredSignature(hmac, changed.stream, changed.type, changed.dataJson, changed.metadataJson);
        // A change inside the signature's own tail makes it no v2 signature at all: the caller then parses, and it is refused there.
        expect(problem === 'wrong' || problem === 'not-v2').toBe(true);
        if (problem === 'not-v2') {
          let parsed: Record<string, unknown> | undefined;
          try {
            parsed = JSON.parse(changed.metadataJson);
          } catch {
            return;
          }
          expect(verifySignature(hmac, { stream: changed.stream, type: changed.type, data: JSON.parse(changed.dataJson), metadata: parsed })).not.toBeUndefined();
        }
      }),
    );
    expect(verifySignature(hmac, { ...event, stream: 'namespace-dev', metadata })).toBe('wrong');
    expect(verifySignature(hmac, { ...event, type: 'NamespaceDeleted', metadata })).toBe('wrong');
    expect(verifySignature(hmac, { ...event, data: { object: { metadata: { name: 'dev' } } }, metadata })).toBe('wrong');
    expect(verifySignature(hmac, { ...event, metadata: { ...metadata, actor: 'mallory' } })).toBe('wrong');
    expect(verifySignature(hmacWith('another-install'), { ...event, metadata })).toBe('wrong');
  });

  it('verifies any JSON data and metadata, parsed or stored', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.dictionary(fc.string(), fc.jsonValue()), (data, meta) => {
        const e = { stream: 'pod-default-web', type: 'PodUpdated', data, metadata: meta };
        const metadata = signMetadata(hmac, e);
        const s = stored({ ...e, metadata });
        expect(verifyStoredSignature(hmac, s.stream, s.type, s.dataJson, s.metadataJson)).toBeUndefined();
        expect(verifySignature(hmac, { ...e, data: JSON.parse(s.dataJson), metadata: JSON.parse(s.metadataJson) })).toBeUndefined();
      }),
    );
  });

  it('requires sig to be the last key, and refuses newlines in stream or type', () => {
    const { sig, ...rest } = signMetadata(hmac, event);
    const sigFirst = { sig, ...rest };
    expect(verifySignature(hmac, { ...event, metadata: sigFirst })).toBe('wrong');
    expect(verifyStoredSignature(hmac, event.stream, event.type, JSON.stringify(event.data), JSON.stringify(sigFirst))).toBe('not-v2');
    expect(() => signMetadata(hmac, { ...event, stream: 'a\nb' })).toThrow(/newline/);
    expect(() => signMetadata(hmac, { ...event, type: 'A\nB' })).toThrow(/newline/);
  });

  it('cannot be moved between stream and type by a newline', () => {
    // "x\ny" + "T" and "x" + "y\nT" would give the same payload: neither is accepted.
    const metadata = signMetadata(hmac, { ...event, stream: 'x', type: 'y' });
    expect(verifySignature(hmac, { ...event, stream: 'x\ny', type: '', metadata })).toBe('wrong');
  });

  it('reports a missing or non-string sig as missing', () => {
    expect(verifySignature(hmac, event)).toBe('missing');
    expect(verifySignature(hmac, { ...event, metadata: { ...event.metadata, sig: 42 } })).toBe('missing');
    expect(verifyStoredSignature(hmac, event.stream, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata))).toBe('not-v2');
  });
});

describe('v1 event signatures (logs written before v2)', () => {
  it('still verify, and still fail for any changed field or another key', () => {
    const metadata = signV1(hmac, event);
    expect(metadata.sig).toMatch(/^[0-9a-f]{64}$/);
    const readBack = JSON.parse(JSON.stringify({ ...event, metadata }));
    expect(verifySignature(hmac, readBack)).toBeUndefined();
    expect(verifySignature(hmac, { ...event, metadata: { sig: metadata.sig, ...event.metadata } })).toBeUndefined();
    expect(verifyStoredSignature(hmac, event.stream, event.type, JSON.stringify(event.data), JSON.stringify(metadata))).toBe('not-v2');
    expect(verifySignature(hmacWith('another-install'), { ...event, metadata })).toBe('wrong');
    expect(verifySignature(hmac, { ...event, stream: 'namespace-dev', metadata })).toBe('wrong');
    expect(verifySignature(hmac, { ...event, data: { object: { metadata: { name: 'dev' } } }, metadata })).toBe('wrong');
    expect(verifySignature(hmac, { ...event, metadata: { ...metadata, actor: 'mallory' } })).toBe('wrong');
  });
});
