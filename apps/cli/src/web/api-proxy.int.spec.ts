/**
 * The dashboard's proxy against an HTTPS upstream that closes a kept-alive
 * connection just as it is reused (what a server's keep-alive timeout does
 * under load): a GET is sent again on a new connection instead of failing
 * with 503; a POST is never sent twice.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { createCertificateAuthority, issueServerCertificate } from '../../../api/src/tls/certificates';
import { ApiProxy } from './api-proxy';

let upstream: https.Server;
let front: http.Server;
let proxy: ApiProxy;
const seen: string[] = [];
/** Requests to drop on a reused connection: the upstream closes the socket without answering. */
let dropReused = 0;
const socketRequests = new WeakMap<Socket, number>();

beforeAll(async () => {
  const ca = createCertificateAuthority({ commonName: 'test-ca' });
  const cert = issueServerCertificate(ca, { commonName: 'localhost', ipAddresses: ['127.0.0.1'] });
  upstream = https.createServer({ cert: cert.certPem, key: cert.keyPem }, (req, res) => {
    const n = (socketRequests.get(req.socket) ?? 0) + 1;
    socketRequests.set(req.socket, n);
    seen.push(`${req.method} ${req.url} #${n}`);
    if (n > 1 && dropReused > 0) {
      dropReused--;
      req.socket.destroy();
      return;
    }
    req.resume();
    req.on('end', () => res.end(JSON.stringify({ ok: req.url })));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  proxy = new ApiProxy({ server: `https://127.0.0.1:${(upstream.address() as AddressInfo).port}`, caPem: ca.certPem }, () => undefined);
  front = http.createServer((req, res) => proxy.forward(req, res));
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  proxy.close();
  await new Promise((r) => front.close(r));
  upstream.closeAllConnections();
  await new Promise((r) => upstream.close(r));
});

function call(method: string, path: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: (front.address() as AddressInfo).port, method, path, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

it('sends a GET again on a new connection when the kept-alive one was closed under it', async () => {
  seen.length = 0;
  expect(await call('GET', '/api/v1/pods?a')).toEqual({ status: 200, text: '{"ok":"/api/v1/pods?a"}' });
  dropReused = 1;
  // The second GET reuses the kept-alive connection, which the upstream then closes: it must still get its answer.
  expect(await call('GET', '/api/v1/pods?b')).toEqual({ status: 200, text: '{"ok":"/api/v1/pods?b"}' });
  expect(seen).toEqual(['GET /api/v1/pods?a #1', 'GET /api/v1/pods?b #2', 'GET /api/v1/pods?b #1']);
});

it('never sends a POST twice: the same failure is a 503 naming the API server', async () => {
  seen.length = 0;
  expect((await call('GET', '/warm')).status).toBe(200);
  dropReused = 1;
  const posted = await call('POST', '/api/v1/namespaces/default/configmaps', '{}');
  expect(posted.status).toBe(503);
  expect(JSON.parse(posted.text)).toMatchObject({ kind: 'Status', code: 503, reason: 'ServiceUnavailable' });
  expect(seen.filter((s) => s.startsWith('POST'))).toHaveLength(1);
});
