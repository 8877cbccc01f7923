/** Starts the scheduler and controllers that run inside the API process, after the projection caught up. */
import type { CommandBus } from '@nestjs/cqrs';
import { defaultProfile, parseStreamName } from '@chronokube/core';
import { MalformedObjectReporter } from '../projection/malformed-reporter';
import type { ApiConfig } from '../config';
import type { ProjectionService } from '../projection/projection.service';
import { SchedulerService } from '../scheduler/scheduler.service';
import { DeploymentController } from './deployment.controller';
import { EndpointsController } from './endpoints.controller';
import { GarbageCollector } from './garbage-collector';
import { NamespaceController } from './namespace-controller';
import { NodeLifecycleController } from './node-lifecycle.controller';
import { PodGCController } from './pod-gc.controller';
import { ReplicaSetController } from './replicaset.controller';

export interface Controllers {
  scheduler?: SchedulerService;
  stop(): void;
}

interface Startable {
  start(): void;
  stop(): void;
}

export function startControllers(projection: ProjectionService, commands: CommandBus, config: ApiConfig): Controllers {
  const running: Startable[] = [new GarbageCollector(projection, commands), new NamespaceController(projection, commands)];
  let scheduler: SchedulerService | undefined;
  if (!config.apiOnly) {
    scheduler = new SchedulerService(projection, commands, { profile: config.schedulerProfile ?? defaultProfile(), scheduledEvents: config.scheduledEvents });
    running.push(
      scheduler,
      new ReplicaSetController(projection, commands),
      new DeploymentController(projection, commands),
      new EndpointsController(projection, commands),
      new NodeLifecycleController(projection, commands, config.nodeLifecycle ?? {}),
      new PodGCController(projection, commands),
    );
  }
  for (const c of running) c.start();
  // An event the projection had to skip while the control plane runs gets its Warning on the object it did not change.
  const reporter = MalformedObjectReporter.for(projection, commands);
  const unsubscribe = projection.onMalformed(({ event, reason, current }) => {
    const address = parseStreamName(event.streamId);
    if (address && current) reporter.report('projection', address.resource, current, new Error(`${event.type} at position ${event.position} was skipped: ${reason}`));
  });
  return {
    scheduler,
    stop: () => {
      unsubscribe();
      running.forEach((c) => c.stop());
      reporter.stop();
    },
  };
}
