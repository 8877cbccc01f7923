import { createHmac } from 'node:crypto';
import { signaturePayload, signMetadata, verifySignature, type SignedEvent } from './signing';

const hmacWith = (key: string) => (text: string): string => createHmac('sha256', key).update(text, 'utf8').digest('hex');
const hmac = hmacWith('install-key');

const event = (): SignedEvent => ({
  stream: 'namespace-prod', type: 'NamespaceCreated',
  data: { object: { kind: 'Namespace', metadata: { name: 'prod' } } },
  metadata: { actor: 'alice', verb: 'create', correlationId: 'c1' },
});

describe('event signatures', () => {
  it('given a signed event, then it verifies, whatever the key order of its metadata', () => {
    const e = event();
    const metadata = signMetadata(e, hmac);
    expect(metadata.sig).toMatch(/^[0-9a-f]{64}$/);
    expect(e.metadata.sig).toBeUndefined();
    const reordered = { correlationId: 'c1', sig: metadata.sig, verb: 'create', actor: 'alice' };
    expect(verifySignature({ ...e, metadata: reordered }, hmac)).toBe(true);
  });

  it('given the payload, then it excludes sig and covers stream, type, data and metadata', () => {
    const e = { ...event(), metadata: { ...event().metadata, sig: 'x' } };
    expect(signaturePayload(e)).toBe(signaturePayload(event()));
    expect(signaturePayload(e)).toContain('"stream":"namespace-prod"');
  });

  it.each<[string, (e: SignedEvent) => SignedEvent]>([
    ['a made-up actor', (e) => ({ ...e, metadata: { ...e.metadata, actor: 'mallory' } })],
    ['another stream', (e) => ({ ...e, stream: 'namespace-kube-system' })],
    ['another type', (e) => ({ ...e, type: 'NamespaceDeleted' })],
    ['changed data', (e) => ({ ...e, data: { object: { kind: 'Namespace', metadata: { name: 'evil' } } } })],
    ['no sig', (e) => ({ ...e, metadata: { ...e.metadata, sig: undefined } })],
    ['a truncated sig', (e) => ({ ...e, metadata: { ...e.metadata, sig: String(e.metadata.sig).slice(1) } })],
  ])('given %s, then the signature fails', (_what, forge) => {
    const signed = { ...event(), metadata: signMetadata(event(), hmac) };
    expect(verifySignature(forge(signed), hmac)).toBe(false);
  });

  it('given a signature under another key, then it fails', () => {
    const signed = { ...event(), metadata: signMetadata(event(), hmacWith('other-install')) };
    expect(verifySignature(signed, hmac)).toBe(false);
  });
});
