import { decodeDer, derChildren, DerElement, readOid } from './der-reader';
import { ipAddressText } from './ip-address';
import { OID } from './oids';

/** The parts of a certificate that node's X509Certificate does not hand out as exact bytes. */
export interface CertificateFields {
  /** The subject Name exactly as encoded; an issued certificate's issuer must match it byte for byte. */
  subjectDer: Buffer;
  /** The SubjectPublicKeyInfo DER. */
  spkiDer: Buffer;
  /** The subjectKeyIdentifier extension's value, if present. */
  subjectKeyId?: Buffer;
  dnsNames: string[];
  /** Addresses in canonical text (see ipAddressText). */
  ipAddresses: string[];
}

/**
 * Walks a DER certificate's TBSCertificate and returns its subject, key and
 * SAN entries. Throws when the structure is not a certificate.
 */
export function readCertificateFields(certDer: Buffer): CertificateFields {
  const [tbs] = derChildren(decodeDer(certDer));
  const fields = derChildren(tbs);
  // version is [0] EXPLICIT and absent in v1 certificates, which shifts every later field.
  const first = fields[0]?.tag === 0xa0 ? 1 : 0;
  const subject = fields[first + 4];
  const spki = fields[first + 5];
  if (!subject || !spki || subject.tag !== 0x30 || spki.tag !== 0x30) throw new Error('not an X.509 certificate');
  const result: CertificateFields = { subjectDer: subject.raw, spkiDer: spki.raw, dnsNames: [], ipAddresses: [] };
  const wrapper = fields.find((field) => field.tag === 0xa3);
  if (!wrapper) return result;
  for (const ext of derChildren(derChildren(wrapper)[0])) {
    const parts = derChildren(ext);
    const value = decodeDer(parts[parts.length - 1].content);
    const oid = readOid(parts[0]);
    if (oid === OID.subjectKeyIdentifier) result.subjectKeyId = Buffer.from(value.content);
    if (oid === OID.subjectAltName) readGeneralNames(value, result);
  }
  return result;
}

/** The subjectPublicKey bits of a SubjectPublicKeyInfo (the input of a key identifier). */
export function subjectPublicKeyBits(spkiDer: Buffer): Buffer {
  const [, bitString] = derChildren(decodeDer(spkiDer));
  if (!bitString || bitString.tag !== 0x03 || bitString.content[0] !== 0) throw new Error('malformed SubjectPublicKeyInfo');
  return bitString.content.subarray(1);
}

function readGeneralNames(names: DerElement, into: CertificateFields): void {
  for (const name of derChildren(names)) {
    if (name.tag === 0x82) into.dnsNames.push(name.content.toString('ascii'));
    if (name.tag === 0x87) into.ipAddresses.push(ipAddressText(name.content));
  }
}
