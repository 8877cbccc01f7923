import { createHash } from 'node:crypto';
import {
  derBoolean,
  derImplicit,
  derNamedBitString,
  derOctetString,
  derOid,
  derSequence,
  ia5Bytes,
} from './der';
import { ipAddressBytes } from './ip-address';
import { OID } from './oids';

/**
 * One Extension (RFC 5280 section 4.1): extnID, critical, and the extension's
 * own DER wrapped in an OCTET STRING. `critical` is DEFAULT FALSE, and DER
 * omits a field equal to its default, so FALSE is never written.
 */
export function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return critical
    ? derSequence(derOid(oid), derBoolean(true), derOctetString(value))
    : derSequence(derOid(oid), derOctetString(value));
}

/**
 * basicConstraints, always critical. For a leaf, cA is FALSE, which is the
 * default, so the SEQUENCE is empty; Go still needs the extension present to
 * know a leaf is not a CA.
 */
export function basicConstraintsExtension(isCa: boolean): Buffer {
  return extension(OID.basicConstraints, true, isCa ? derSequence(derBoolean(true)) : derSequence());
}

/** keyUsage, critical, from KEY_USAGE bit numbers. */
export function keyUsageExtension(bits: readonly number[]): Buffer {
  return extension(OID.keyUsage, true, derNamedBitString(bits));
}

/** extKeyUsage (not critical, as is customary) listing purpose OIDs such as serverAuth. */
export function extKeyUsageExtension(purposes: readonly string[]): Buffer {
  return extension(OID.extKeyUsage, false, derSequence(...purposes.map(derOid)));
}

/** The names a certificate is valid for; at least one is required. */
export interface SubjectAltNames {
  dnsNames?: readonly string[];
  ipAddresses?: readonly string[];
}

/**
 * subjectAltName: GeneralNames with dNSName [2] IMPLICIT IA5String and
 * iPAddress [7] IMPLICIT OCTET STRING (4 or 16 octets). Not critical because
 * the subject is non-empty. Throws on an empty list, a non-ASCII name or a
 * malformed address, which Go would refuse to parse.
 */
export function subjectAltNameExtension(names: SubjectAltNames): Buffer {
  const dnsNames = names.dnsNames ?? [];
  const ips = names.ipAddresses ?? [];
  if (dnsNames.length + ips.length === 0) throw new Error('subjectAltName needs at least one DNS name or IP address');
  const general = [
    ...dnsNames.map((name) => {
      if (name.length === 0) throw new Error('empty DNS name in subjectAltName');
      return derImplicit(2, ia5Bytes(name));
    }),
    ...ips.map((ip) => derImplicit(7, ipAddressBytes(ip))),
  ];
  return extension(OID.subjectAltName, false, derSequence(...general));
}

/** subjectKeyIdentifier: the KeyIdentifier as an OCTET STRING. */
export function subjectKeyIdentifierExtension(keyId: Buffer): Buffer {
  return extension(OID.subjectKeyIdentifier, false, derOctetString(keyId));
}

/**
 * authorityKeyIdentifier carrying only keyIdentifier [0] IMPLICIT, equal to
 * the issuer's subjectKeyIdentifier; verifiers use it to pick the right
 * issuer when several CAs share a name.
 */
export function authorityKeyIdentifierExtension(issuerKeyId: Buffer): Buffer {
  return extension(OID.authorityKeyIdentifier, false, derSequence(derImplicit(0, issuerKeyId)));
}

/**
 * RFC 5280 section 4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT
 * STRING's value (without tag, length or unused-bits octet), the same key
 * id openssl and Go compute, so our ids agree with theirs.
 */
export function keyIdentifier(subjectPublicKey: Buffer): Buffer {
  return createHash('sha1').update(subjectPublicKey).digest();
}
