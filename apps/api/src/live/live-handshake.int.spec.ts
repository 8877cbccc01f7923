/**
 * The live gateway's handshake over real TLS with socket.io-client: the
 * REST API's tokens and roles, refused with connect_error `Unauthorized`
 * (or `Forbidden` for a user who may read nothing), and bad subscribe
 * payloads answered with a Kubernetes Status.
 */
import { connect, startLiveTestServer, subscribe, TOKENS, type LiveTestServer } from './testing/live-test-server';

let server: LiveTestServer;

beforeAll(async () => {
  server = await startLiveTestServer();
});

afterAll(async () => {
  await server?.stop();
});

async function refusal(auth: { token?: string; header?: string; polling?: boolean }): Promise<Error & { data?: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const socket = server.client(auth);
  try {
    await connect(socket);
  } catch (err) {
    return err as Error;
  } finally {
    socket.disconnect();
  }
  throw new Error('the handshake was accepted');
}

describe('live gateway handshake', () => {
  it('refuses a missing token with Unauthorized and a 401 Status', async () => {
    const err = await refusal({});
    expect(err.message).toBe('Unauthorized');
    expect(err.data).toMatchObject({ kind: 'Status', code: 401, reason: 'Unauthorized' });
  });

  it('refuses an unknown token, in auth or in the Authorization header', async () => {
    expect((await refusal({ token: 'not-a-token' })).message).toBe('Unauthorized');
    expect((await refusal({ header: 'Bearer not-a-token' })).message).toBe('Unauthorized');
    expect((await refusal({ token: 'not-a-token', polling: true })).message).toBe('Unauthorized');
    // A forged node token (right shape, wrong HMAC) is no better.
    expect((await refusal({ token: TOKENS.node.slice(0, -4) + 'abcd' })).message).toBe('Unauthorized');
  });

  it('refuses a user whose role may read nothing with Forbidden', async () => {
    const err = await refusal({ token: TOKENS.nobody });
    expect(err.message).toBe('Forbidden');
    expect(err.data).toMatchObject({ code: 403, reason: 'Forbidden' });
  });

  it.each([
    ['an admin token in auth', { token: TOKENS.admin }],
    ['a view-only token', { token: TOKENS.viewer }],
    ['a node token', { token: TOKENS.node }],
    ['the Authorization header', { header: `Bearer ${TOKENS.viewer}` }],
    ['a token over long polling (no websocket upgrade)', { token: TOKENS.viewer, polling: true }],
  ])('accepts %s and subscribes', async (_what, auth) => {
    const socket = server.client(auth);
    await connect(socket);
    const reply = await subscribe(socket, { from: 'now' });
    socket.disconnect();
    expect(reply).toMatchObject({ ok: true, from: String(server.inProcess.api.context.projection.state.position) });
  });

  it.each([
    ['an unknown field', { form: '12' }, 'unknown field "form"'],
    ['a from that is no resourceVersion', { from: 'yesterday' }, 'from: must be "now" or a resourceVersion'],
    ['kinds that are not strings', { kinds: [1] }, 'kinds: must be an array of strings'],
    ['an unknown kind', { kinds: ['Pods2'] }, 'unknown kind "Pods2"'],
  ])('answers %s with a 400 Status', async (_what, request, message) => {
    const socket = server.client({ token: TOKENS.admin });
    await connect(socket);
    const reply = await subscribe(socket, request);
    socket.disconnect();
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.status).toMatchObject({ kind: 'Status', code: 400, reason: 'BadRequest' });
    expect(reply.status.message).toContain(message);
  });

  it('answers a resourceVersion ahead of the log like a watch: 504 Too large resource version', async () => {
    const socket = server.client({ token: TOKENS.admin });
    await connect(socket);
    const ahead = server.inProcess.api.context.projection.state.position + 1_000_000;
    const reply = await subscribe(socket, { from: String(ahead) });
    socket.disconnect();
    expect(reply).toMatchObject({ ok: false, status: { code: 504, reason: 'Timeout' } });
    if (!reply.ok) expect(reply.status.message).toContain(`Too large resource version: ${ahead}`);
  });

  it('takes a subscribe with no payload as from "now" with no filters', async () => {
    const socket = server.client({ token: TOKENS.admin });
    await connect(socket);
    const reply = await socket.timeout(10_000).emitWithAck('subscribe');
    socket.disconnect();
    expect(reply).toMatchObject({ ok: true, from: String(server.inProcess.api.context.projection.state.position) });
  });
});
