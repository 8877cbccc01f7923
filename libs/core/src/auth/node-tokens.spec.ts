import { nodeToken, nodeUserFromToken } from './node-tokens';

describe('node tokens', () => {
  const secret = 'a'.repeat(64);

  it('authenticate the node they were minted for, as a kubelet', () => {
    expect(nodeUserFromToken(secret, nodeToken(secret, 'worker-1'))).toEqual({ name: 'system:node:worker-1', uid: 'node:worker-1', groups: ['system:nodes', 'system:authenticated'] });
  });

  it('are refused under another secret, with a changed name or mac, or malformed', () => {
    const token = nodeToken(secret, 'worker-1');
    expect(nodeUserFromToken('b'.repeat(64), token)).toBeUndefined();
    const [, name, mac] = token.split('.');
    const otherName = Buffer.from('worker-2').toString('base64url');
    expect(nodeUserFromToken(secret, `chronokube-node.${otherName}.${mac}`)).toBeUndefined();
    const flipped = `${mac.slice(0, -1)}${mac.endsWith('0') ? '1' : '0'}`;
    expect(nodeUserFromToken(secret, `chronokube-node.${name}.${flipped}`)).toBeUndefined();
    expect(nodeUserFromToken(secret, `chronokube-node.${name}`)).toBeUndefined();
    expect(nodeUserFromToken(secret, 'some-admin-token')).toBeUndefined();
    expect(nodeUserFromToken(secret, `chronokube-node.${Buffer.from('Bad Name').toString('base64url')}.${mac}`)).toBeUndefined();
  });
});
