/**
 * Node's HMAC for the pure signature logic in libs/core: signs what the API
 * server appends and checks what it reads back, with the install's history
 * key (DIR/history-key).
 */
import { createHmac } from 'node:crypto';
import { signMetadata, verifySignature, type HmacSha256Hex, type SignatureProblem, type SignedFields } from '@chronokube/core';

export class EventSigner {
  private readonly hmac: HmacSha256Hex;

  constructor(key: Buffer) {
    if (key.length < 16) throw new Error(`the history key is too short (${key.length} bytes)`);
    this.hmac = (message) => createHmac('sha256', key).update(message, 'utf8').digest('hex');
  }

  /** The metadata to write with one event: `metadata` plus its `sig`. */
  sign<M extends Record<string, unknown>>(stream: string, type: string, data: unknown, metadata: M): M & { sig: string } {
    return signMetadata(this.hmac, { stream, type, data, metadata });
  }

  /** Undefined when the event carries this install's signature, else what is wrong with it. */
  check(event: SignedFields): SignatureProblem | undefined {
    return verifySignature(this.hmac, event);
  }
}
