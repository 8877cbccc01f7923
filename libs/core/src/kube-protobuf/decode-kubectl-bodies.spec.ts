import { decodeKubeProtobuf } from './decode';
import { KUBECTL_BODIES, fromHex } from './test/kubectl-bodies';

describe('decodeKubeProtobuf on bodies captured from kubectl v1.32', () => {
  it.each(KUBECTL_BODIES.map((b) => [b.command, b] as const))('%s gives the JSON kubectl prints', (_command, body) => {
    const decoded = decodeKubeProtobuf(fromHex(body.hex));
    expect(decoded.apiVersion).toBe(body.json.apiVersion);
    expect(decoded.kind).toBe(body.json.kind);
    expect(decoded.object).toEqual(body.json);
  });

  it('drops the zero scalars gogo-protobuf writes for every non-pointer field', () => {
    const cm = decodeKubeProtobuf(fromHex(KUBECTL_BODIES[0].hex)).object;
    // The wire carries generateName "", namespace "", uid "", generation 0 ...
    expect(Object.keys(cm.metadata as object)).toEqual(['name', 'creationTimestamp']);
  });

  it('keeps empty messages the way Go prints non-pointer structs', () => {
    const deploy = decodeKubeProtobuf(fromHex(KUBECTL_BODIES[1].hex)).object as { spec: Record<string, unknown>; status: unknown };
    expect(deploy.spec.strategy).toEqual({});
    expect(deploy.status).toEqual({});
  });
});
