/**
 * The live stream served by `chronokube server` itself (the launcher, its
 * own CA, its token file): a kubectl write reaches a view-only socket.io
 * client with kubectl's identity, and a bad token is refused at the
 * handshake.
 */
import fs from 'node:fs';
import { io, type Socket } from 'socket.io-client';
import { kubectlOk, useTestCluster, type TestUser } from '../testing/test-cluster';
import { until } from '../testing/until';
import { LIVE_PATH, type LiveBatch, type LiveEvent } from './live-protocol';

const clusterOf = useTestCluster();
const sockets: Socket[] = [];

afterAll(() => sockets.forEach((s) => s.disconnect()));

function tokenOf(user: TestUser): string {
  const kubeconfig = fs.readFileSync(clusterOf().kubeconfigFor(user), 'utf8');
  return /token: (\S+)/.exec(kubeconfig)![1];
}

function client(token: string): Socket {
  const socket = io(clusterOf().url, { path: LIVE_PATH, transports: ['websocket'], ca: clusterOf().caPem, auth: { token }, reconnection: false, forceNew: true });
  sockets.push(socket);
  return socket;
}

describe('live stream of chronokube server', () => {
  it('refuses a bad token at the handshake', async () => {
    const err = await new Promise<Error>((resolve, reject) => {
      const socket = client('nope');
      socket.on('connect', () => reject(new Error('connected with a bad token')));
      socket.on('connect_error', resolve);
    });
    expect(err.message).toBe('Unauthorized');
  });

  it('streams a kubectl write to a view-only client, after the state it listed', async () => {
    const cluster = clusterOf();
    const list = await cluster.request('GET', '/api/v1/namespaces/default/configmaps', { user: 'viewer' });
    const socket = client(tokenOf('viewer'));
    const received: LiveEvent[] = [];
    socket.on('events', (batch: LiveBatch, ack: () => void) => {
      received.push(...batch.events);
      ack();
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const reply = await socket.timeout(10_000).emitWithAck('subscribe', { from: list.json.metadata.resourceVersion, kinds: ['configmaps'], namespaces: ['default'] });
    expect(reply).toMatchObject({ ok: true });
    await kubectlOk(cluster, ['create', 'configmap', 'live-e2e', '--from-literal=k=v']);
    const event = await until(async () => received.find((e) => e.object.name === 'live-e2e'), 'the configmap on the live stream');
    expect(event).toMatchObject({ type: 'ConfigMapCreated', actor: 'alice', verb: 'create', object: { namespace: 'default' }, state: { data: { k: 'v' } } });
    expect(event.userAgent).toMatch(/^kubectl/);
  });
});
