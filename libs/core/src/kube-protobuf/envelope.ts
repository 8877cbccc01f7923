/**
 * The Kubernetes protobuf envelope: the 4-byte magic "k8s\0" followed by a
 * runtime.Unknown { 1: TypeMeta{1: apiVersion, 2: kind}, 2: raw,
 * 3: contentEncoding, 4: contentType } (k8s.io/apimachinery/pkg/runtime
 * generated.proto). `raw` is the object's own message.
 */
import { malformed } from './errors';
import { WireType, atEnd, cursor, readLengthDelimited, readTag, skipField } from './wire-reader';
import { utf8Text } from '../bytes/bytes';

/** The bytes every Kubernetes protobuf body starts with. */
export const KUBE_PROTOBUF_MAGIC: readonly number[] = [0x6b, 0x38, 0x73, 0x00];

/** The Content-Type that announces such a body. */
export const KUBE_PROTOBUF_CONTENT_TYPE = 'application/vnd.kubernetes.protobuf';

/** A parsed envelope; `raw` is a view into the body, not a copy. */
export interface KubeProtobufEnvelope {
  apiVersion: string;
  kind: string;
  raw: Uint8Array;
  contentEncoding: string;
  contentType: string;
}

/** True when the body starts with the k8s protobuf magic. */
export function hasKubeProtobufMagic(body: Uint8Array): boolean {
  return body.length >= KUBE_PROTOBUF_MAGIC.length && KUBE_PROTOBUF_MAGIC.every((b, i) => body[i] === b);
}

function utf8(buf: Uint8Array, start: number, end: number): string {
  return utf8Text(buf, start, end);
}

function readTypeMeta(buf: Uint8Array, start: number, end: number): { apiVersion: string; kind: string } {
  const c = cursor(buf, start, end);
  let apiVersion = '';
  let kind = '';
  while (!atEnd(c)) {
    const { field, wire } = readTag(c);
    if ((field === 1 || field === 2) && wire === WireType.LengthDelimited) {
      const v = readLengthDelimited(c);
      if (field === 1) apiVersion = utf8(buf, v.start, v.end);
      else kind = utf8(buf, v.start, v.end);
    } else {
      skipField(c, wire);
    }
  }
  return { apiVersion, kind };
}

/** Checks the magic and reads the runtime.Unknown that follows it. */
export function readEnvelope(body: Uint8Array): KubeProtobufEnvelope {
  if (!hasKubeProtobufMagic(body)) throw malformed('body does not start with the k8s\\0 magic prefix');
  const env: KubeProtobufEnvelope = { apiVersion: '', kind: '', raw: new Uint8Array(0), contentEncoding: '', contentType: '' };
  const c = cursor(body, KUBE_PROTOBUF_MAGIC.length);
  while (!atEnd(c)) {
    const { field, wire } = readTag(c);
    if (field < 1 || field > 4 || wire !== WireType.LengthDelimited) {
      skipField(c, wire);
      continue;
    }
    const { start, end } = readLengthDelimited(c);
    if (field === 1) Object.assign(env, readTypeMeta(body, start, end));
    else if (field === 2) env.raw = body.subarray(start, end);
    else if (field === 3) env.contentEncoding = utf8(body, start, end);
    else env.contentType = utf8(body, start, end);
  }
  return env;
}
