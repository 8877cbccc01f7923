import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decide } from '@chronokube/core';
import { ApiContext } from '../api-context';
import { DeleteObjectCommand } from './delete-object.command';
import type { WriteOutcome } from './object-writer';

@CommandHandler(DeleteObjectCommand)
export class DeleteObjectHandler implements ICommandHandler<DeleteObjectCommand, WriteOutcome> {
  constructor(private readonly api: ApiContext) {}

  async execute({ target, options, ctx }: DeleteObjectCommand): Promise<WriteOutcome> {
    const { resource, name } = target;
    return this.api.writer.write(resource, target.namespace, name, ctx, (current) =>
      decide({ type: 'Delete', resource, now: ctx.now, ...options }, current, name),
      { retry: !options.preconditions?.resourceVersion },
    );
  }
}
