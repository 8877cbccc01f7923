import type { KubeObject } from '@chronokube/core';
import type { PatchType } from '../http/body';
import type { RequestContext } from './request-context';
import type { Target } from './target';

/** PATCH: change an object (or its status/scale) by one of the four patch types. */
export class PatchObjectCommand {
  constructor(
    readonly target: Target & { name: string },
    readonly patchType: PatchType,
    readonly patch: unknown,
    readonly ctx: RequestContext,
    readonly force = false,
    /** Checks the patched object before anything is decided (field validation); may throw. */
    readonly check: (object: KubeObject) => void = () => undefined,
  ) {}
}
