import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiError, admitBodyTypes, apiVersionOf, decide, generateName, type KubeObject } from '@chronokube/core';
import { ApiContext } from '../api-context';
import { admitNodeRestriction } from '../auth/authorizer';
import { CreateObjectCommand } from './create-object.command';
import type { WriteOutcome } from './object-writer';

@CommandHandler(CreateObjectCommand)
export class CreateObjectHandler implements ICommandHandler<CreateObjectCommand, WriteOutcome> {
  constructor(private readonly api: ApiContext) {}

  async execute({ target, body, ctx, fieldsRecorded }: CreateObjectCommand): Promise<WriteOutcome> {
    const { resource } = target;
    // A wrongly-typed field is refused before anything else looks at it: nothing downstream has to survive it.
    admitBodyTypes({ kind: resource.kind, apiVersion: apiVersionOf(resource) }, body);
    this.api.admission.checkNamespace(resource, target.namespace);
    const generated = !body.metadata.name && !!body.metadata.generateName;
    for (let attempt = 0; ; attempt++) {
      const name = generated ? generateName(body.metadata.generateName!) : (body.metadata.name ?? '');
      // The name a create asks for is only known here, after the body: NodeRestriction checks it now.
      admitNodeRestriction(ctx.user, 'create', resource, target.namespace, name);
      let object: KubeObject = { ...body, metadata: { ...body.metadata, name } };
      if (resource.namespaced) object.metadata.namespace = target.namespace;
      if (!fieldsRecorded) object = this.api.managedFields.onUpdate(resource, undefined, object, ctx);
      try {
        return await this.api.admission.serialServiceWrite(resource, () =>
          this.api.writer.write(resource, target.namespace, name, ctx, (current) => {
            const prepared = resource.kind === 'Service' ? this.api.admission.allocateService(object, undefined) : object;
            return decide({ type: 'Create', resource, object: prepared, now: ctx.now, uid: randomUUID() }, current, name);
          }, { retry: true }),
        );
      } catch (err) {
        if (generated && err instanceof ApiError && err.reason === 'AlreadyExists' && attempt < 3) continue;
        throw err;
      }
    }
  }
}
