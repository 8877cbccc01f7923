import { parseStreamName, streamName } from './stream-names';

describe('stream names', () => {
  it('round-trips namespaced and cluster-scoped objects, dots in names included', () => {
    expect(streamName('Pod', 'default', 'web.v2')).toBe('pod-default.web.v2');
    expect(streamName('Node', undefined, 'n1.example.com')).toBe('node-n1.example.com');
    const pod = parseStreamName('pod-default.web.v2')!;
    expect([pod.resource.kind, pod.namespace, pod.name]).toEqual(['Pod', 'default', 'web.v2']);
    const node = parseStreamName('node-n1.example.com')!;
    expect([node.resource.kind, node.namespace, node.name]).toEqual(['Node', '', 'n1.example.com']);
  });

  it('rejects streams that are not object streams', () => {
    expect(parseStreamName('$$pod-default.x')).toBeUndefined();
    expect(parseStreamName('orders-1')).toBeUndefined();
    expect(parseStreamName('pod-nodot')).toBeUndefined();
    expect(parseStreamName('pod')).toBeUndefined();
  });
});
