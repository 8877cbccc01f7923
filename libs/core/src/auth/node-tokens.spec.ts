import { createHmac, timingSafeEqual } from 'node:crypto';
import fc from 'fast-check';
import { isKubeletClientToken, kubeletClientToken, nodeToken, nodeUserFromToken, type NodeSecretHmac } from './node-tokens';

/** What the server and the agent pass: node:crypto bound to the secret (a spec may use Node; core may not). */
const hmacUnder = (secret: string): NodeSecretHmac => (m) => createHmac('sha256', secret).update(m, 'utf8').digest('hex');

/** The token format as it was minted with Buffer and node:crypto before core took the HMAC as a parameter. */
function referenceToken(secret: string, name: string): string {
  return `chronokube-node.${Buffer.from(name).toString('base64url')}.${createHmac('sha256', secret).update(`system:node:${name}`).digest('hex')}`;
}

describe('node tokens', () => {
  const secret = 'a'.repeat(64);
  const hmac = hmacUnder(secret);

  it('authenticate the node they were minted for, as a kubelet', () => {
    expect(nodeUserFromToken(hmac, nodeToken(hmac, 'worker-1'))).toEqual({ name: 'system:node:worker-1', uid: 'node:worker-1', groups: ['system:nodes', 'system:authenticated'] });
  });

  it('are byte for byte the tokens agents minted before (running agents and servers keep working)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 70 }), fc.fullUnicodeString({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 })), fc.hexaString({ minLength: 1, maxLength: 64 }), (name, key) => {
        expect(nodeToken(hmacUnder(key), name)).toBe(referenceToken(key, name));
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9]([-a-z0-9.]{0,60}[a-z0-9])?$/), (name) => {
        expect(nodeUserFromToken(hmac, referenceToken(secret, name))?.name).toBe(`system:node:${name}`);
      }),
    );
  });

  it('are refused under another secret, with a changed name or mac, or malformed', () => {
    const token = nodeToken(hmac, 'worker-1');
    expect(nodeUserFromToken(hmacUnder('b'.repeat(64)), token)).toBeUndefined();
    const [, name, mac] = token.split('.');
    const otherName = Buffer.from('worker-2').toString('base64url');
    expect(nodeUserFromToken(hmac, `chronokube-node.${otherName}.${mac}`)).toBeUndefined();
    const flipped = `${mac.slice(0, -1)}${mac.endsWith('0') ? '1' : '0'}`;
    expect(nodeUserFromToken(hmac, `chronokube-node.${name}.${flipped}`)).toBeUndefined();
    expect(nodeUserFromToken(hmac, `chronokube-node.${name}.${mac.slice(1)}`)).toBeUndefined();
    expect(nodeUserFromToken(hmac, `chronokube-node.${name}`)).toBeUndefined();
    expect(nodeUserFromToken(hmac, 'some-admin-token')).toBeUndefined();
    expect(nodeUserFromToken(hmac, `chronokube-node.${name}!.${mac}`)).toBeUndefined();
    expect(nodeUserFromToken(hmac, `chronokube-node.${Buffer.from('Bad Name').toString('base64url')}.${mac}`)).toBeUndefined();
    const unicode = nodeToken(hmac, 'wörker');
    expect(nodeUserFromToken(hmac, unicode)).toBeUndefined();
  });

  it('the kubelet-client token is the HMAC of its fixed message, accepted only under the same secret', () => {
    const token = kubeletClientToken(hmac);
    const want = createHmac('sha256', secret).update('chronokube:kubelet-api-client').digest('hex');
    expect(timingSafeEqual(Buffer.from(token), Buffer.from(want))).toBe(true);
    expect(isKubeletClientToken(hmac, token)).toBe(true);
    expect(isKubeletClientToken(hmacUnder('b'.repeat(64)), token)).toBe(false);
    expect(isKubeletClientToken(hmac, token.slice(1))).toBe(false);
    expect(isKubeletClientToken(hmac, nodeToken(hmac, 'worker-1'))).toBe(false);
  });
});
