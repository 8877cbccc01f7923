import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { admitApplyTypes, apiVersionOf, badRequest, decide, notFound, type Decision, type KubeObject } from '@chronokube/core';
import { scaleOf } from '@chronokube/core';
import { ApiContext } from '../api-context';
import { CreateObjectCommand } from './create-object.command';
import { PatchObjectCommand } from './patch-object.command';
import { CreateObjectHandler } from './create-object.handler';
import type { WriteOutcome } from './object-writer';
import { applyPatch } from './apply-patch';

@CommandHandler(PatchObjectCommand)
export class PatchObjectHandler implements ICommandHandler<PatchObjectCommand, WriteOutcome> {
  constructor(private readonly api: ApiContext, private readonly creator: CreateObjectHandler) {}

  async execute(cmd: PatchObjectCommand): Promise<WriteOutcome> {
    const { target, ctx } = cmd;
    const { resource, name } = target;
    if (cmd.patchType === 'apply' && !target.subresource) {
      admitApplyTypes({ kind: resource.kind, apiVersion: apiVersionOf(resource) }, resource.namespaced ? target.namespace : undefined, name, cmd.patch);
    }
    const exists = this.api.projection.state.get(resource, target.namespace, name);
    if (!exists && cmd.patchType === 'apply' && !target.subresource) {
      // Server-side apply creates what does not exist yet.
      const object = this.api.managedFields.onApply(resource, undefined, cmd.patch as KubeObject, ctx, cmd.force);
      object.metadata = { ...object.metadata, name };
      return this.creator.execute(new CreateObjectCommand(target, object, ctx, true));
    }
    return this.api.admission.serialServiceWrite(resource, () =>
      this.api.writer.write(resource, target.namespace, name, ctx, (current): Decision => {
        if (!current) throw notFound(resource.plural, name, resource.group);
        if (target.subresource === 'scale') {
          const scale = applyPatch(cmd.patchType, 'Scale', scaleOf(current), cmd.patch);
          const replicas = (scale.spec as { replicas?: unknown } | undefined)?.replicas;
          if (typeof replicas !== 'number' || !Number.isInteger(replicas)) throw badRequest('spec.replicas: must be an integer');
          return decide({ type: 'Scale', resource, replicas, now: ctx.now, resourceVersion: scale.metadata.resourceVersion }, current, name);
        }
        const subresource = target.subresource === 'status' ? 'status' : undefined;
        let object =
          cmd.patchType === 'apply'
            ? this.api.managedFields.onApply(resource, current, cmd.patch as KubeObject, ctx, cmd.force)
            : applyPatch(cmd.patchType, resource.kind, current, cmd.patch);
        if (cmd.patchType !== 'apply') {
          cmd.check(object);
          object = this.api.managedFields.onUpdate(resource, current, object, ctx, subresource);
        }
        // The patch applies to the version just read, so it only conflicts if it names another resourceVersion itself.
        if (resource.kind === 'Service' && !subresource) object = this.api.admission.allocateService(object, current);
        return decide({ type: 'Update', resource, object, now: ctx.now, subresource }, current, name);
      }, { retry: true }),
    );
  }
}
