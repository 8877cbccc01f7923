import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { admitBodyTypes, apiVersionOf, badRequest, decide, type KubeObject } from '@chronokube/core';
import { ApiContext } from '../api-context';
import { UpdateObjectCommand } from './update-object.command';
import type { WriteOutcome } from './object-writer';

@CommandHandler(UpdateObjectCommand)
export class UpdateObjectHandler implements ICommandHandler<UpdateObjectCommand, WriteOutcome> {
  constructor(private readonly api: ApiContext) {}

  async execute({ target, body, ctx }: UpdateObjectCommand): Promise<WriteOutcome> {
    const { resource, name } = target;
    if (target.subresource === 'scale') {
      const replicas = (body.spec as { replicas?: unknown } | undefined)?.replicas;
      if (typeof replicas !== 'number' || !Number.isInteger(replicas)) throw badRequest('spec.replicas: must be an integer');
      return this.api.writer.write(resource, target.namespace, name, ctx, (current) =>
        decide({ type: 'Scale', resource, replicas, now: ctx.now, resourceVersion: body.metadata.resourceVersion }, current, name),
        { retry: !body.metadata.resourceVersion },
      );
    }
    admitBodyTypes({ kind: resource.kind, apiVersion: apiVersionOf(resource) }, body);
    const subresource = target.subresource === 'status' || target.subresource === 'finalize' ? target.subresource : undefined;
    return this.api.admission.serialServiceWrite(resource, () =>
      this.api.writer.write(resource, target.namespace, name, ctx, (current) => {
        let object: KubeObject = { ...body, metadata: { ...body.metadata } };
        if (resource.namespaced) object.metadata.namespace = target.namespace;
        if (current && subresource !== 'finalize') object = this.api.managedFields.onUpdate(resource, current, object, ctx, subresource);
        if (current && resource.kind === 'Service' && !subresource) object = this.api.admission.allocateService(object, current);
        return decide({ type: 'Update', resource, object, now: ctx.now, subresource }, current, name);
      }, { retry: !body.metadata.resourceVersion }),
    );
  }
}
