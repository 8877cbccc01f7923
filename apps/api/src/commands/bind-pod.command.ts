import type { RequestContext } from './request-context';

/** POST pods/<name>/binding: assign a pod to a node (the scheduler's write). */
export class BindPodCommand {
  constructor(
    readonly namespace: string,
    readonly name: string,
    readonly nodeName: string,
    readonly ctx: RequestContext,
    readonly preconditions: { uid?: string; resourceVersion?: string } = {},
  ) {}
}
