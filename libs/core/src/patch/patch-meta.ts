/**
 * How lists inside each served kind merge, the facts behind Kubernetes'
 * `patchStrategy`/`patchMergeKey` struct tags and the OpenAPI
 * `x-kubernetes-list-type`/`x-kubernetes-list-map-keys` extensions. One
 * table serves strategic merge patch, server-side apply and the OpenAPI
 * documents, so the three cannot disagree.
 *
 * Lists not named here are atomic: a patch replaces them whole.
 */

/** How one list field merges. */
export interface ListMeta {
  /** 'map': items are objects identified by `keys`; 'set': primitive items merged as a set. */
  type: 'map' | 'set';
  /** The strategic-merge key (patchMergeKey); first of `keys`. */
  mergeKey?: string;
  /** Server-side-apply identity of an item (x-kubernetes-list-map-keys). */
  keys?: string[];
  /** Strategic merge patch honours $retainKeys here (patchStrategy "merge,retainKeys"). */
  retainKeys?: boolean;
}

/** A node of the patch-meta tree: object fields, a list's merge rule and its item shape. */
export interface PatchNode {
  fields?: Record<string, PatchNode>;
  list?: ListMeta;
  /** Shape of each list item or map value. */
  item?: PatchNode;
}

const mapList = (keys: string[], item?: PatchNode, retainKeys = false): PatchNode => ({
  list: { type: 'map', mergeKey: keys[0], keys, retainKeys }, item,
});
const setList = (): PatchNode => ({ list: { type: 'set' } });
const obj = (fields: Record<string, PatchNode>): PatchNode => ({ fields });

const CONDITIONS = mapList(['type']);

const OBJECT_META = obj({
  finalizers: setList(),
  ownerReferences: mapList(['uid']),
});

const CONTAINER = obj({
  ports: mapList(['containerPort', 'protocol']),
  env: mapList(['name']),
  volumeMounts: mapList(['mountPath']),
  volumeDevices: mapList(['devicePath']),
});

const POD_SPEC = obj({
  containers: mapList(['name'], CONTAINER),
  initContainers: mapList(['name'], CONTAINER),
  ephemeralContainers: mapList(['name'], CONTAINER),
  volumes: mapList(['name'], undefined, true),
  imagePullSecrets: mapList(['name']),
  hostAliases: mapList(['ip']),
  topologySpreadConstraints: mapList(['topologyKey', 'whenUnsatisfiable']),
});

const POD_TEMPLATE = obj({ metadata: OBJECT_META, spec: POD_SPEC });

const POD_STATUS = obj({
  conditions: CONDITIONS,
  podIPs: mapList(['ip']),
  hostIPs: mapList(['ip']),
});

/** The patch-meta tree of each kind, rooted at the object. */
export const PATCH_META: Record<string, PatchNode> = {
  Pod: obj({ metadata: OBJECT_META, spec: POD_SPEC, status: POD_STATUS }),
  Deployment: obj({ metadata: OBJECT_META, spec: obj({ template: POD_TEMPLATE }), status: obj({ conditions: CONDITIONS }) }),
  ReplicaSet: obj({ metadata: OBJECT_META, spec: obj({ template: POD_TEMPLATE }), status: obj({ conditions: CONDITIONS }) }),
  Service: obj({ metadata: OBJECT_META, spec: obj({ ports: mapList(['port', 'protocol']) }), status: obj({ conditions: CONDITIONS }) }),
  Node: obj({
    metadata: OBJECT_META,
    spec: obj({ podCIDRs: setList() }),
    status: obj({ conditions: CONDITIONS, addresses: mapList(['type']) }),
  }),
  Namespace: obj({ metadata: OBJECT_META, status: obj({ conditions: CONDITIONS }) }),
  Endpoints: obj({ metadata: OBJECT_META }),
  ConfigMap: obj({ metadata: OBJECT_META }),
  Event: obj({ metadata: OBJECT_META }),
  Lease: obj({ metadata: OBJECT_META }),
  Scale: obj({ metadata: OBJECT_META }),
};

/**
 * The patch node at a field path (field names only, no list indices), or
 * undefined when the path is not described (then lists there are atomic).
 */
export function patchNodeAt(kind: string, path: readonly string[]): PatchNode | undefined {
  let node: PatchNode | undefined = PATCH_META[kind] ?? obj({ metadata: OBJECT_META });
  for (const name of path) {
    if (!node) return undefined;
    if (node.fields?.[name]) node = node.fields[name];
    else if (node.item && node.item.fields?.[name]) node = node.item.fields[name];
    else return undefined;
  }
  return node;
}
