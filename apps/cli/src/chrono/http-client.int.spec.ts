/**
 * The HTTP layer against a real local HTTP server: credentials and query
 * on the wire, Status bodies turned into kubectl's error line, and an
 * unreachable server reported as kubectl reports it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CliError } from '../errors';
import { createClient, withQuery } from './http-client';
import type { ClusterAccess } from './kubeconfig';
import { ServerError } from './server-error';

let server: http.Server;
let base: string;
const seen: { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      if (req.url!.startsWith('/base/missing')) {
        res.writeHead(404, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: 'configmaps "nope" not found' }));
        return;
      }
      res.writeHead(req.method === 'POST' ? 201 : 200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ ok: true, echo: body ? JSON.parse(body) : null }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/base/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const access = (over: Partial<ClusterAccess> = {}): ClusterAccess => ({ server: base, insecureSkipTlsVerify: false, namespace: 'default', contextName: 'x', token: 'tok-1', ...over });

describe('http client', () => {
  it('sends the bearer token, the server path prefix and only defined query values', async () => {
    const r = await createClient(access()).getJson<{ ok: boolean }>('/apis/x/v1/events', { kind: 'Pod', name: undefined, actor: 'system:node:*' });
    expect(r.ok).toBe(true);
    const last = seen[seen.length - 1];
    expect(last.url).toBe('/base/apis/x/v1/events?kind=Pod&actor=system%3Anode%3A*');
    expect(last.headers.authorization).toBe('Bearer tok-1');
    expect(last.headers['user-agent']).toMatch(/^kubectl-chrono\//);
  });

  it('posts JSON bodies; basic auth when the kubeconfig has a password instead of a token', async () => {
    const r = await createClient(access({ token: undefined, basic: { username: 'u', password: 'p' } })).sendJson<{ echo: unknown }>('POST', '/in', { name: 'outage' });
    expect(r.echo).toEqual({ name: 'outage' });
    expect(seen[seen.length - 1].headers.authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
    expect(seen[seen.length - 1].headers['content-type']).toBe('application/json');
  });

  it('turns a Status answer into kubectl\'s line, exit code 1', async () => {
    const err = await createClient(access()).getJson('/missing').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect((err as ServerError).message).toBe('Error from server (NotFound): configmaps "nope" not found');
    expect((err as ServerError).httpCode).toBe(404);
    expect((err as ServerError).exitCode).toBe(1);
  });

  it('reports a server nobody answers on as kubectl does', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const err = await createClient(access({ server: `http://127.0.0.1:${port}` })).getJson('/api').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as Error).message).toBe(`Unable to connect to the server: connect ECONNREFUSED 127.0.0.1:${port}`);
  });

  it('builds query strings without undefined values', () => {
    expect(withQuery('/p', { a: '1', b: undefined })).toBe('/p?a=1');
    expect(withQuery('/p', {})).toBe('/p');
  });
});
