import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer, get, Server } from 'node:https';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createCertificateAuthority, issueServerCertificate, PemKeyPair } from './certificates';
import { decodeDer, derChildren } from './der-reader';
import { ensureServerPki, ServerPki } from './pki';
import { hasBinary, makeTempDir } from './testing/tools';

const run = promisify(execFile);
const NAME = 'api.chronokube.test';

/**
 * Real TLS clients against a real HTTPS server using the generated
 * certificate: node's https, curl (OpenSSL) and kubectl (Go crypto/tls),
 * which is the client the CA is really for. Children run asynchronously so
 * this process can keep serving while they connect.
 */
describe('HTTPS with the generated PKI', () => {
  const tmp = makeTempDir();
  let pki: ServerPki;
  let server: Server;
  let port: number;

  beforeAll(async () => {
    pki = ensureServerPki(join(tmp.dir, 'pki'), { hosts: ['127.0.0.1', 'localhost', NAME] });
    ({ server, port } = await serve(pki.certPem, pki.keyPem));
  });
  afterAll(async () => {
    await close(server);
    tmp.remove();
  });

  function fetchWith(options: { ca?: string; servername?: string }): Promise<string> {
    return new Promise((resolve, reject) => {
      const req = get({ host: '127.0.0.1', port, path: '/healthz', agent: false, ...options }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve(body));
      });
      req.on('error', reject);
    });
  }

  it('node https trusts the server given the CA, by IP and by name', async () => {
    expect(JSON.parse(await fetchWith({ ca: pki.caCertPem }))).toEqual({ path: '/healthz' });
    expect(JSON.parse(await fetchWith({ ca: pki.caCertPem, servername: NAME }))).toEqual({ path: '/healthz' });
  });

  it('node https rejects the server without the CA, or for a name not in the SAN', async () => {
    await expect(fetchWith({})).rejects.toMatchObject({ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
    await expect(fetchWith({ ca: pki.caCertPem, servername: 'elsewhere.test' })).rejects.toMatchObject({
      code: 'ERR_TLS_CERT_ALTNAME_INVALID',
    });
  });

  const withCurl = hasBinary('curl') ? it : it.skip;
  withCurl('curl --cacert accepts it, and fails verification without it', async () => {
    const resolve = `${NAME}:${port}:127.0.0.1`;
    const ok = await run('curl', ['-sS', '--cacert', pki.caPath, '--resolve', resolve, `https://${NAME}:${port}/by-name`]);
    expect(JSON.parse(ok.stdout)).toEqual({ path: '/by-name' });
    const byIp = await run('curl', ['-sS', '--cacert', pki.caPath, `https://127.0.0.1:${port}/by-ip`]);
    expect(JSON.parse(byIp.stdout)).toEqual({ path: '/by-ip' });
    // Exit code 60: "Peer certificate cannot be authenticated with known CA certificates".
    await expect(run('curl', ['-sS', `https://127.0.0.1:${port}/`])).rejects.toMatchObject({ code: 60 });
  });

  const withKubectl = hasBinary('kubectl') ? it : it.skip;
  const kubeconfig = (caData: string | undefined, host: string, port: number) =>
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters:',
        '- name: chronokube',
        '  cluster:',
        `    server: https://${host}:${port}`,
        ...(caData ? [`    certificate-authority-data: ${caData}`] : []),
        'users:',
        '- name: admin',
        '  user: {token: test}',
        'contexts:',
        '- name: chronokube',
        '  context: {cluster: chronokube, user: admin}',
        'current-context: chronokube',
        '',
      ].join('\n');
  // A private HOME keeps kubectl's discovery cache out of the real one.
  const kubectlRaw = (config: string) =>
    run('kubectl', ['--kubeconfig', config, 'get', '--raw', '/healthz'], { env: { ...process.env, HOME: tmp.dir, KUBECONFIG: '' } });

  withKubectl('kubectl (Go crypto/x509) trusts it through certificate-authority-data', async () => {
    const caData = Buffer.from(pki.caCertPem).toString('base64');
    const trusted = join(tmp.dir, 'kubeconfig');
    const byName = join(tmp.dir, 'kubeconfig-localhost');
    const untrusted = join(tmp.dir, 'kubeconfig-untrusted');
    writeFileSync(trusted, kubeconfig(caData, '127.0.0.1', port));
    writeFileSync(byName, kubeconfig(caData, 'localhost', port));
    writeFileSync(untrusted, kubeconfig(undefined, '127.0.0.1', port));

    expect(JSON.parse((await kubectlRaw(trusted)).stdout)).toEqual({ path: '/healthz' });
    expect(JSON.parse((await kubectlRaw(byName)).stdout)).toEqual({ path: '/healthz' });
    await expect(kubectlRaw(untrusted)).rejects.toMatchObject({ stderr: expect.stringMatching(/x509: certificate signed by unknown authority/) });
  });

  withKubectl('kubectl accepts a 17-octet serial and a GeneralizedTime expiry', async () => {
    // Retry until both serials have the high bit set, so the 0x00 sign octet is really exercised.
    let ca: PemKeyPair;
    do ca = createCertificateAuthority({ commonName: 'long-lived-ca', validDays: 40 * 365 });
    while (serialOctets(ca.certPem).length !== 17);
    let leaf: PemKeyPair;
    do leaf = issueServerCertificate(ca, { commonName: 'edge', ipAddresses: ['127.0.0.1'], validDays: 30 * 365 });
    while (serialOctets(leaf.certPem).length !== 17);
    const edge = await serve(leaf.certPem, leaf.keyPem);
    try {
      const config = join(tmp.dir, 'kubeconfig-edge');
      writeFileSync(config, kubeconfig(Buffer.from(ca.certPem).toString('base64'), '127.0.0.1', edge.port));
      expect(JSON.parse((await kubectlRaw(config)).stdout)).toEqual({ path: '/healthz' });
    } finally {
      await close(edge.server);
    }
  });
});

async function serve(cert: string, key: string): Promise<{ server: Server; port: number }> {
  const server = createServer({ cert, key }, (req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ path: req.url }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

function serialOctets(certPem: string): Buffer {
  const [tbs] = derChildren(decodeDer(new X509Certificate(certPem).raw));
  return derChildren(tbs)[1].content;
}
