import type { KubeObject } from '@chronokube/core';
import type { RequestContext } from './request-context';
import type { Target } from './target';

/** POST to a collection: create one object. */
export class CreateObjectCommand {
  /** `fieldsRecorded`: managedFields are already set (server-side apply creating the object). */
  constructor(readonly target: Target, readonly body: KubeObject, readonly ctx: RequestContext, readonly fieldsRecorded = false) {}
}
