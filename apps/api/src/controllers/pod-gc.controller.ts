/** Pod garbage collection on a timer: terminated pods beyond the threshold, pods of vanished nodes. */
import type { CommandBus } from '@nestjs/cqrs';
import { podsToCollect, type Node, type Pod } from '@chronokube/core';
import type { ProjectionService } from '../projection/projection.service';
import { executeAction } from './action-executor';
import { controllerContext } from './controller-context';
import { NODES, PODS } from './workload-index';

export class PodGCController {
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(private readonly projection: ProjectionService, private readonly commands: CommandBus, private readonly intervalMs = 20_000) {}

  start(): void {
    this.timer = setInterval(() => void this.sweep(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async sweep(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const pods = [...this.projection.state.list(PODS)].map((s) => s.object as Pod);
      const nodes = [...this.projection.state.list(NODES)].map((s) => s.object as Node);
      const ctx = controllerContext('pod-garbage-collector', 'delete', 'pod garbage collection', undefined, 'timer');
      for (const action of podsToCollect(pods, nodes, { now: new Date() })) await executeAction(this.commands, action, ctx).catch(() => undefined);
    } finally {
      this.running = false;
    }
  }
}
