/**
 * Node's HMAC for the pure signature logic in libs/core: signs what the API
 * server appends and checks what it reads back, with the install's history
 * key (DIR/history-key).
 *
 * A plain createHmac per message: precomputed inner/outer hash states
 * copied per message (createHash().copy()) measured no faster here.
 */
import { createHmac } from 'node:crypto';
import {
  signMetadata,
  verifySignature,
  verifyStoredSignature,
  type HmacSha256Hex,
  type SignatureProblem,
  type SignedFields,
} from '@chronokube/core';

export class EventSigner {
  private readonly hmac: HmacSha256Hex;

  constructor(key: Buffer) {
    if (key.length < 16) throw new Error(`the history key is too short (${key.length} bytes)`);
    this.hmac = (message) => createHmac('sha256', key).update(message, 'utf8').digest('hex');
  }

  /** The metadata to write with one event: `metadata` plus its (v2) `sig`, last. */
  sign<M extends Record<string, unknown>>(stream: string, type: string, data: unknown, metadata: M): M & { sig: string } {
    return signMetadata(this.hmac, { stream, type, data, metadata });
  }

  /** Undefined when the event carries this install's signature, else what is wrong with it. */
  check(event: SignedFields): SignatureProblem | undefined {
    return verifySignature(this.hmac, event);
  }

  /**
   * The same check on an event's stored JSON texts, with no parse for a v2
   * signature; 'not-v2' when there is none (parse, then {@link check}).
   */
  checkStored(stream: string, type: string, dataJson: string, metadataJson: string): SignatureProblem | 'not-v2' | undefined {
    return verifyStoredSignature(this.hmac, stream, type, dataJson, metadataJson);
  }
}
