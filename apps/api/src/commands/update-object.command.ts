import type { KubeObject } from '@chronokube/core';
import type { RequestContext } from './request-context';
import type { Target } from './target';

/** PUT: replace an object, its status or its scale. */
export class UpdateObjectCommand {
  constructor(readonly target: Target & { name: string }, readonly body: KubeObject, readonly ctx: RequestContext) {}
}
