import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { sortedJson, signingPayload, signMetadata, verifySignature, type HmacSha256Hex } from './event-signature';

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

describe('event signatures', () => {
  it('signs over stream, type, data and metadata, and verifies after a JSON round trip', () => {
    const metadata = signMetadata(hmac, event);
    expect(metadata.sig).toMatch(/^[0-9a-f]{64}$/);
    expect(metadata.actor).toBe('admin');
    expect(event.metadata).not.toHaveProperty('sig');
    const readBack = JSON.parse(JSON.stringify({ ...event, metadata }));
    expect(verifySignature(hmac, readBack)).toBeUndefined();
    expect(signingPayload(readBack)).toBe(signingPayload(event));
  });

  it('refuses a missing signature, another key, and any changed field', () => {
    const metadata = signMetadata(hmac, event);
    expect(verifySignature(hmac, event)).toBe('missing');
    expect(verifySignature(hmac, { ...event, metadata: { ...metadata, sig: 42 } })).toBe('missing');
    expect(verifySignature(hmacWith('another-install'), { ...event, metadata })).toBe('wrong');
    expect(verifySignature(hmac, { ...event, stream: 'namespace-dev', metadata })).toBe('wrong');
    expect(verifySignature(hmac, { ...event, type: 'NamespaceDeleted', metadata })).toBe('wrong');
    expect(verifySignature(hmac, { ...event, data: { object: { metadata: { name: 'dev' } } }, metadata })).toBe('wrong');
    expect(verifySignature(hmac, { ...event, metadata: { ...metadata, actor: 'mallory' } })).toBe('wrong');
    expect(verifySignature(hmac, { ...event, metadata: { ...metadata, sig: metadata.sig.replace(/.$/, (c) => (c === '0' ? '1' : '0')) } })).toBe('wrong');
  });
});
