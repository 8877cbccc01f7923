import type { RequestContext } from './request-context';
import type { Target } from './target';
import type { DeleteOptions } from './delete-object.command';

/** DELETE of a collection: every object the selectors match. */
export class DeleteCollectionCommand {
  constructor(
    readonly target: Target,
    readonly selectors: { labelSelector?: string; fieldSelector?: string },
    readonly options: DeleteOptions,
    readonly ctx: RequestContext,
  ) {}
}
