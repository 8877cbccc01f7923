import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RESOURCES, decide } from '@chronokube/core';
import { ApiContext } from '../api-context';
import { BindPodCommand } from './bind-pod.command';
import type { WriteOutcome } from './object-writer';

const PODS = RESOURCES.find((r) => r.kind === 'Pod')!;

@CommandHandler(BindPodCommand)
export class BindPodHandler implements ICommandHandler<BindPodCommand, WriteOutcome> {
  constructor(private readonly api: ApiContext) {}

  async execute(cmd: BindPodCommand): Promise<WriteOutcome> {
    return this.api.writer.write(PODS, cmd.namespace, cmd.name, cmd.ctx, (current) =>
      decide({ type: 'Bind', resource: PODS, nodeName: cmd.nodeName, now: cmd.ctx.now, ...cmd.preconditions }, current, cmd.name),
      { retry: !cmd.preconditions.resourceVersion },
    );
  }
}
