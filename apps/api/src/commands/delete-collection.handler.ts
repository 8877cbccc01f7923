import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiError, type KubeObject } from '@chronokube/core';
import { ApiContext } from '../api-context';
import { DeleteCollectionCommand } from './delete-collection.command';
import { DeleteObjectCommand } from './delete-object.command';
import { DeleteObjectHandler } from './delete-object.handler';
import { selectObjects } from '../http/list-selection';

/** Deletes every matching object, one command each; objects already gone are skipped. */
@CommandHandler(DeleteCollectionCommand)
export class DeleteCollectionHandler implements ICommandHandler<DeleteCollectionCommand, KubeObject[]> {
  constructor(private readonly api: ApiContext, private readonly deleter: DeleteObjectHandler) {}

  async execute({ target, selectors, options, ctx }: DeleteCollectionCommand): Promise<KubeObject[]> {
    const matched = selectObjects(this.api.projection.state, target.resource, target.namespace, selectors);
    const deleted: KubeObject[] = [];
    for (const object of matched) {
      const name = object.metadata.name ?? '';
      try {
        const out = await this.deleter.execute(new DeleteObjectCommand({ ...target, namespace: object.metadata.namespace, name }, options, ctx));
        deleted.push(out.object ?? out.before ?? object);
      } catch (err) {
        if (err instanceof ApiError && err.code === 404) continue;
        throw err;
      }
    }
    return deleted;
  }
}
