/** Pod garbage collection on a timer: terminated pods beyond the threshold, pods of vanished nodes. */
import type { CommandBus } from '@nestjs/cqrs';
import { podsToCollect, typeMismatch, type ControllerAction, type Node, type Pod } from '@chronokube/core';
import type { ProjectionService } from '../projection/projection.service';
import { executeAction } from './action-executor';
import { controllerContext } from './controller-context';
import { NODES, PODS } from './workload-index';
import { MalformedObjectReporter } from '../projection/malformed-reporter';

export class PodGCController {
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(private readonly projection: ProjectionService, private readonly commands: CommandBus, private readonly intervalMs = 20_000) {}

  start(): void {
    this.timer = setInterval(() => void this.sweep().catch((err: Error) => process.stderr.write(`pod-garbage-collector: sweep failed: ${err?.message ?? String(err)}\n`)), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /**
   * The pods to collect. Should a wrongly-typed pod or node make the pure
   * step throw, those objects are reported and left out, and the rest is
   * still collected.
   */
  private collect(pods: Pod[], nodes: Node[]): ControllerAction[] {
    try {
      return podsToCollect(pods, nodes, { now: new Date() });
    } catch (err) {
      const reporter = MalformedObjectReporter.for(this.projection, this.commands);
      const wellTyped = <T extends Pod | Node>(kind: 'Pod' | 'Node', objects: T[]): T[] => objects.filter((o) => {
        const wrong = typeMismatch(kind, o);
        if (wrong) reporter.report('pod-garbage-collector', kind === 'Pod' ? PODS : NODES, o, new Error(wrong.message));
        return !wrong;
      });
      try {
        return podsToCollect(wellTyped('Pod', pods), wellTyped('Node', nodes), { now: new Date() });
      } catch {
        process.stderr.write(`pod-garbage-collector: sweep skipped: ${(err as Error)?.message ?? String(err)}\n`);
        return [];
      }
    }
  }

  private async sweep(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const pods = [...this.projection.state.list(PODS)].map((s) => s.object as Pod);
      const nodes = [...this.projection.state.list(NODES)].map((s) => s.object as Node);
      const ctx = controllerContext('pod-garbage-collector', 'delete', 'pod garbage collection', undefined, 'timer');
      for (const action of this.collect(pods, nodes)) await executeAction(this.commands, action, ctx).catch(() => undefined);
    } finally {
      this.running = false;
    }
  }
}
