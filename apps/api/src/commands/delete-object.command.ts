import type { PropagationPolicy } from '@chronokube/core';
import type { RequestContext } from './request-context';
import type { Target } from './target';

/** meta/v1 DeleteOptions, as far as deletion honours them. */
export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: PropagationPolicy;
  preconditions?: { uid?: string; resourceVersion?: string };
}

/** DELETE of one object. */
export class DeleteObjectCommand {
  constructor(readonly target: Target & { name: string }, readonly options: DeleteOptions, readonly ctx: RequestContext) {}
}
