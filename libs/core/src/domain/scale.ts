/** The autoscaling/v1 Scale view of a Deployment or ReplicaSet (the scale subresource): what GET .../scale returns. */
import type { KubeObject, LabelSelector } from '../api/meta';
import type { Scale } from '../api/types';
import { selectorFromLabelSelector } from '../selectors/label-selector';

export function scaleOf(object: KubeObject): Scale {
  const spec = object.spec as { replicas?: number; selector?: LabelSelector } | undefined;
  const status = object.status as { replicas?: number } | undefined;
  const m = object.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: spec?.replicas ?? 0 },
    status: { replicas: status?.replicas ?? 0, selector: spec?.selector ? selectorFromLabelSelector(spec.selector).toString() : '' },
  };
}
