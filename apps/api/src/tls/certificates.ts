import { createPrivateKey, generateKeyPairSync, KeyObject, randomBytes, sign, X509Certificate } from 'node:crypto';
import { derBitString, derExplicit, derInteger, derOid, derSequence, derSet, derTime, derUtf8String } from './der';
import { OID, KEY_USAGE } from './oids';
import { derToPem } from './pem';
import {
  authorityKeyIdentifierExtension,
  basicConstraintsExtension,
  extKeyUsageExtension,
  keyIdentifier,
  keyUsageExtension,
  subjectAltNameExtension,
  subjectKeyIdentifierExtension,
} from './x509-extensions';
import { readCertificateFields, subjectPublicKeyBits } from './x509-reader';

/** A certificate and its private key, both PEM (the key as PKCS#8). */
export interface PemKeyPair {
  certPem: string;
  keyPem: string;
}

export interface CertificateAuthorityOptions {
  commonName: string;
  /** The issuing moment; injected so tests are deterministic. Default: the current time. */
  now?: Date;
  /** Default 3650 (ten years). */
  validDays?: number;
}

export interface ServerCertificateOptions {
  commonName: string;
  dnsNames?: readonly string[];
  ipAddresses?: readonly string[];
  now?: Date;
  /** Default 365; never extends past the CA's own expiry. */
  validDays?: number;
}

/** Certificates start this long before `now`, so a peer whose clock runs a little behind still accepts them. */
const CLOCK_SKEW_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Creates a self-signed root CA with a fresh P-256 key: basicConstraints
 * CA:TRUE and keyUsage keyCertSign, cRLSign, digitalSignature (both
 * critical), and a subjectKeyIdentifier that issued certificates point back
 * to. Not idempotent: every call makes a new key and serial.
 */
export function createCertificateAuthority(options: CertificateAuthorityOptions): PemKeyPair {
  const now = options.now ?? new Date();
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const spkiDer = publicKey.export({ type: 'spki', format: 'der' });
  const name = distinguishedName(options.commonName);
  const tbs = tbsCertificate({
    issuerDer: name,
    subjectDer: name,
    notBefore: new Date(now.getTime() - CLOCK_SKEW_MS),
    notAfter: new Date(now.getTime() + (options.validDays ?? 3650) * DAY_MS),
    spkiDer,
    extensions: [
      basicConstraintsExtension(true),
      keyUsageExtension([KEY_USAGE.digitalSignature, KEY_USAGE.keyCertSign, KEY_USAGE.cRLSign]),
      subjectKeyIdentifierExtension(keyIdentifier(subjectPublicKeyBits(spkiDer))),
    ],
  });
  return { certPem: derToPem(signedCertificate(tbs, privateKey)), keyPem: exportKey(privateKey) };
}

/**
 * Issues a TLS server certificate signed by `ca`, with a fresh P-256 key:
 * basicConstraints CA:FALSE, keyUsage digitalSignature + keyEncipherment
 * (critical), extKeyUsage serverAuth, subjectAltName from `dnsNames` and
 * `ipAddresses` (clients match hosts only against these since Go 1.15), and
 * key identifiers linking it to the CA. The issuer Name is copied from the
 * CA certificate byte for byte, because chain building compares raw names.
 * Throws if the CA's key does not match its certificate or is not EC.
 */
export function issueServerCertificate(ca: PemKeyPair, options: ServerCertificateOptions): PemKeyPair {
  const now = options.now ?? new Date();
  const caCert = new X509Certificate(ca.certPem);
  const caKey = createPrivateKey(ca.keyPem);
  if (caKey.asymmetricKeyType !== 'ec') throw new Error('the CA key must be an EC key (certificates are signed with ecdsa-with-SHA256)');
  if (!caCert.ca) throw new Error('the issuing certificate is not a CA');
  if (!caCert.checkPrivateKey(caKey)) throw new Error('the CA key does not match the CA certificate');
  const caFields = readCertificateFields(caCert.raw);
  const caKeyId = caFields.subjectKeyId ?? keyIdentifier(subjectPublicKeyBits(caFields.spkiDer));

  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const spkiDer = publicKey.export({ type: 'spki', format: 'der' });
  const wanted = now.getTime() + (options.validDays ?? 365) * DAY_MS;
  const tbs = tbsCertificate({
    issuerDer: caFields.subjectDer,
    subjectDer: distinguishedName(options.commonName),
    notBefore: new Date(now.getTime() - CLOCK_SKEW_MS),
    notAfter: new Date(Math.min(wanted, new Date(caCert.validTo).getTime())),
    spkiDer,
    extensions: [
      basicConstraintsExtension(false),
      keyUsageExtension([KEY_USAGE.digitalSignature, KEY_USAGE.keyEncipherment]),
      extKeyUsageExtension([OID.serverAuth]),
      subjectAltNameExtension({ dnsNames: options.dnsNames, ipAddresses: options.ipAddresses }),
      subjectKeyIdentifierExtension(keyIdentifier(subjectPublicKeyBits(spkiDer))),
      authorityKeyIdentifierExtension(caKeyId),
    ],
  });
  return { certPem: derToPem(signedCertificate(tbs, caKey)), keyPem: exportKey(privateKey) };
}

interface TbsInput {
  issuerDer: Buffer;
  subjectDer: Buffer;
  notBefore: Date;
  notAfter: Date;
  spkiDer: Buffer;
  extensions: Buffer[];
}

/** RFC 5758: the ECDSA AlgorithmIdentifier has no parameters at all (not even NULL). */
const ECDSA_WITH_SHA256 = derSequence(derOid(OID.ecdsaWithSha256));

function tbsCertificate(input: TbsInput): Buffer {
  if (input.notAfter.getTime() <= input.notBefore.getTime()) throw new Error('certificate would expire before it starts');
  return derSequence(
    derExplicit(0, derInteger(2)), // v3, needed for extensions
    derInteger(randomSerial()),
    ECDSA_WITH_SHA256,
    input.issuerDer,
    derSequence(derTime(input.notBefore), derTime(input.notAfter)),
    input.subjectDer,
    input.spkiDer,
    derExplicit(3, derSequence(...input.extensions)),
  );
}

function signedCertificate(tbs: Buffer, signer: KeyObject): Buffer {
  const signature = sign('sha256', tbs, { key: signer, dsaEncoding: 'der' });
  return derSequence(tbs, ECDSA_WITH_SHA256, derBitString(signature));
}

/**
 * 128 random bits. A zero first octet would be trimmed by DER, so it is
 * bumped; a set high bit costs one 0x00 octet (17 of the 20 allowed).
 */
function randomSerial(): Buffer {
  const serial = randomBytes(16);
  if (serial[0] === 0) serial[0] = 1;
  return serial;
}

/** A Name holding only a commonName, as UTF8String (RFC 5280's choice for new certificates). */
function distinguishedName(commonName: string): Buffer {
  if (commonName.length === 0 || commonName.length > 64) throw new Error('commonName must be 1 to 64 characters');
  return derSequence(derSet(derSequence(derOid(OID.commonName), derUtf8String(commonName))));
}

function exportKey(key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}
