import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCertificateAuthority, issueServerCertificate, PemKeyPair } from './certificates';
import { decodeDer, derChildren } from './der-reader';
import { pemToDer } from './pem';
import { itWithOpenssl, makeTempDir, openssl } from './testing/tools';
import { readCertificateFields, subjectPublicKeyBits } from './x509-reader';
import { keyIdentifier } from './x509-extensions';

const NOW = new Date('2026-11-25T12:00:00.000Z');
const HOUR = 3600_000;
const DAY = 24 * HOUR;

describe('createCertificateAuthority and issueServerCertificate', () => {
  const tmp = makeTempDir();
  afterAll(tmp.remove);

  let ca: PemKeyPair;
  let server: PemKeyPair;
  let caX509: X509Certificate;
  let serverX509: X509Certificate;
  beforeAll(() => {
    ca = createCertificateAuthority({ commonName: 'chronokube-ca', now: NOW, validDays: 3650 });
    server = issueServerCertificate(ca, {
      commonName: 'chronokube-apiserver',
      dnsNames: ['localhost', 'chronokube.test'],
      ipAddresses: ['127.0.0.1', '::1'],
      now: NOW,
      validDays: 365,
    });
    caX509 = new X509Certificate(ca.certPem);
    serverX509 = new X509Certificate(server.certPem);
  });

  it('makes a self-signed CA that node parses as a CA', () => {
    expect(caX509.ca).toBe(true);
    expect(caX509.subject).toBe('CN=chronokube-ca');
    expect(caX509.issuer).toBe('CN=chronokube-ca');
    expect(caX509.checkIssued(caX509)).toBe(true);
    expect(caX509.verify(caX509.publicKey)).toBe(true);
    expect(caX509.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(ca.keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
  });

  it('makes a server certificate chained to the CA and valid for its names', () => {
    expect(serverX509.ca).toBe(false);
    expect(serverX509.issuer).toBe('CN=chronokube-ca');
    expect(serverX509.subject).toBe('CN=chronokube-apiserver');
    expect(caX509.checkIssued(serverX509)).toBe(false);
    expect(serverX509.checkIssued(caX509)).toBe(true);
    expect(serverX509.verify(caX509.publicKey)).toBe(true);
    expect(serverX509.verify(serverX509.publicKey)).toBe(false);
    expect(serverX509.subjectAltName).toBe(
      'DNS:localhost, DNS:chronokube.test, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1',
    );
    expect(serverX509.checkHost('chronokube.test', { subject: 'never' })).toBe('chronokube.test');
    expect(serverX509.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(serverX509.checkIP('::1')).toBe('::1');
    expect(serverX509.checkIP('127.0.0.2')).toBeUndefined();
    expect(serverX509.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
  });

  it('backdates notBefore by an hour and ends after validDays', () => {
    expect(new Date(serverX509.validFrom).getTime()).toBe(NOW.getTime() - HOUR);
    expect(new Date(serverX509.validTo).getTime()).toBe(NOW.getTime() + 365 * DAY);
    expect(new Date(caX509.validTo).getTime()).toBe(NOW.getTime() + 3650 * DAY);
  });

  it('links the server to the CA by key identifier and copies the issuer name byte for byte', () => {
    const caFields = readCertificateFields(caX509.raw);
    const serverFields = readCertificateFields(serverX509.raw);
    expect(caFields.subjectKeyId).toEqual(keyIdentifier(subjectPublicKeyBits(caFields.spkiDer)));
    expect(serverFields.subjectKeyId).toEqual(keyIdentifier(subjectPublicKeyBits(serverFields.spkiDer)));
    expect(serverFields.dnsNames).toEqual(['localhost', 'chronokube.test']);
    expect(serverFields.ipAddresses).toEqual(['127.0.0.1', '0:0:0:0:0:0:0:1']);
    expect(serverFields.subjectDer.equals(caFields.subjectDer)).toBe(false);
    expect(serverX509.raw.includes(caFields.subjectDer)).toBe(true);
  });

  it('uses positive serials of at most 17 octets, new for each certificate', () => {
    const serials = new Set<string>();
    for (let i = 0; i < 24; i++) {
      const x = new X509Certificate(issueServerCertificate(ca, { commonName: 's', dnsNames: ['a'], now: NOW }).certPem);
      serials.add(x.serialNumber);
      const der = readSerialOctets(x.raw);
      expect(der.length).toBeLessThanOrEqual(17);
      expect(der[0] & 0x80).toBe(0);
      if (der[0] === 0) expect(der[1] & 0x80).toBe(0x80); // the 0x00 is there only when needed
    }
    expect(serials.size).toBe(24);
  });

  const withOpenssl = itWithOpenssl();

  withOpenssl('is accepted by openssl verify', () => {
    const caFile = join(tmp.dir, 'ca.crt');
    const serverFile = join(tmp.dir, 'server.crt');
    writeFileSync(caFile, ca.certPem);
    writeFileSync(serverFile, server.certPem);
    const attime = String(Math.floor(NOW.getTime() / 1000));
    const verifyArgs = ['verify', '-attime', attime, '-x509_strict', '-purpose', 'sslserver', '-CAfile', caFile];
    expect(openssl([...verifyArgs, serverFile])).toMatch(/server\.crt: OK/);
    expect(openssl([...verifyArgs, '-verify_ip', '::1', serverFile])).toMatch(/OK/);
    expect(() => openssl([...verifyArgs, '-verify_hostname', 'elsewhere.test', serverFile])).toThrow(/hostname mismatch/);
  });

  withOpenssl('shows the expected extensions in openssl x509 -text', () => {
    const caText = openssl(['x509', '-noout', '-text'], Buffer.from(ca.certPem));
    expect(caText).toMatch(/Version: 3 \(0x2\)/);
    expect(caText).toMatch(/Signature Algorithm: ecdsa-with-SHA256/);
    expect(caText).toMatch(/Basic Constraints: critical\s+CA:TRUE\n/);
    expect(caText).toMatch(/Key Usage: critical\s+Digital Signature, Certificate Sign, CRL Sign\n/);
    expect(caText).toMatch(/Subject Key Identifier:/);
    expect(caText).toMatch(/NIST CURVE: P-256/);

    const text = openssl(['x509', '-noout', '-text'], Buffer.from(server.certPem));
    expect(text).toMatch(/Basic Constraints: critical\s+CA:FALSE\n/);
    expect(text).toMatch(/Key Usage: critical\s+Digital Signature, Key Encipherment\n/);
    expect(text).toMatch(/Extended Key Usage:\s+TLS Web Server Authentication\n/);
    expect(text).toMatch(
      /Subject Alternative Name:\s+DNS:localhost, DNS:chronokube\.test, IP Address:127\.0\.0\.1, IP Address:0:0:0:0:0:0:0:1\n/,
    );
    expect(text).toMatch(/Subject Key Identifier:/);
    const aki = /Authority Key Identifier:\s*\n\s*(?:keyid:)?([0-9A-F:]+)/.exec(text)?.[1];
    expect(aki?.replace(/:/g, '').toLowerCase()).toBe(readCertificateFields(caX509.raw).subjectKeyId?.toString('hex'));
  });

  withOpenssl('parses cleanly with openssl asn1parse, algorithm parameters absent', () => {
    const out = openssl(['asn1parse', '-inform', 'DER'], pemToDer(server.certPem));
    expect(out).not.toMatch(/error|NULL/i);
    expect(out.match(/OBJECT\s+:ecdsa-with-SHA256/g)).toHaveLength(2);
    expect(out).toMatch(/UTCTIME\s+:261125110000Z/);
  });

  withOpenssl('switches to GeneralizedTime for dates from 2050', () => {
    const late = createCertificateAuthority({ commonName: 'late-ca', now: new Date('2049-06-01T00:00:00Z'), validDays: 3650 });
    const out = openssl(['asn1parse', '-inform', 'DER'], pemToDer(late.certPem));
    expect(out).toMatch(/UTCTIME\s+:490531230000Z/);
    expect(out).toMatch(/GENERALIZEDTIME\s+:20590530000000Z/);
    expect(new X509Certificate(late.certPem).validTo).toBe('May 30 00:00:00 2059 GMT');
  });

  it('never outlives the CA', () => {
    const shortCa = createCertificateAuthority({ commonName: 'short-ca', now: NOW, validDays: 10 });
    const leaf = new X509Certificate(issueServerCertificate(shortCa, { commonName: 's', dnsNames: ['a'], now: NOW }).certPem);
    expect(leaf.validTo).toBe(new X509Certificate(shortCa.certPem).validTo);
  });

  it('refuses a non-CA issuer, a mismatched key, a non-EC key and an empty SAN', () => {
    expect(() => issueServerCertificate(server, { commonName: 'x', dnsNames: ['a'] })).toThrow(/not a CA/);
    const other = createCertificateAuthority({ commonName: 'other' });
    expect(() => issueServerCertificate({ certPem: ca.certPem, keyPem: other.keyPem }, { commonName: 'x', dnsNames: ['a'] })).toThrow(
      /does not match/,
    );
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => issueServerCertificate({ certPem: ca.certPem, keyPem: rsa }, { commonName: 'x', dnsNames: ['a'] })).toThrow(/EC key/);
    expect(() => issueServerCertificate(ca, { commonName: 'x' })).toThrow(/at least one/);
    expect(() => issueServerCertificate(ca, { commonName: 'x', ipAddresses: ['localhost'] })).toThrow(/not an IP address/);
    expect(() => createCertificateAuthority({ commonName: '' })).toThrow(/commonName/);
  });
});

/** The serial's content octets: the second field of the TBSCertificate. */
function readSerialOctets(certDer: Buffer): Buffer {
  const [tbs] = derChildren(decodeDer(certDer));
  const serial = derChildren(tbs)[1];
  expect(serial.tag).toBe(0x02);
  return serial.content;
}
