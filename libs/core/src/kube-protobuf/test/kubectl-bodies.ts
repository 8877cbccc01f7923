/**
 * Request bodies captured from the real kubectl v1.32 (Content-Type
 * application/vnd.kubernetes.protobuf), hex-encoded, with the JSON kubectl
 * prints for the same command under `--dry-run=client -o json`. They pin the
 * decoder to gogo-protobuf's actual output even where kubectl is absent.
 */

/** One captured kubectl request. */
export interface KubectlBody {
  command: string;
  hex: string;
  json: Record<string, unknown>;
}

/** The captured bodies. */
export const KUBECTL_BODIES: readonly KubectlBody[] = [
  {
    command: 'kubectl create configmap demo --from-literal=a=1 --from-literal=b=2',
    hex:
      '6b3873000a0f0a0276311209436f6e6669674d617012260a140a0464656d6f12001a0022002a0032003800420012060a01611201' +
      '3112060a01621201321a002200',
    json: { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'demo', creationTimestamp: null }, data: { a: '1', b: '2' } },
  },
  {
    command: 'kubectl create deployment web --image=busybox:1.36 --replicas=3 --port=8080',
    hex:
      '6b3873000a150a07617070732f7631120a4465706c6f796d656e7412c2010a1f0a0377656212001a0022002a003200380042005a' +
      '0a0a0361707012037765621290010803120c0a0a0a0361707012037765621a760a1c0a0012001a0022002a003200380042005a0a' +
      '0a036170701203776562125612380a0762757379626f78120c62757379626f783a312e33362a00320b0a00100018903f22002a00' +
      '42006a007200800100880100900100a201001a00320042004a0052005800600068008201008a01009a0100c2010022020a002800' +
      '38001a0c0800100018002000280038001a002200',
    json: {
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: { name: 'web', creationTimestamp: null, labels: { app: 'web' } },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { creationTimestamp: null, labels: { app: 'web' } },
          spec: {
            containers: [{ name: 'busybox', image: 'busybox:1.36', ports: [{ containerPort: 8080 }], resources: {} }],
          },
        },
        strategy: {},
      },
      status: {},
    },
  },
  {
    command: 'kubectl create namespace demo2',
    hex:
      '6b3873000a0f0a02763112094e616d657370616365121d0a150a0564656d6f3212001a0022002a0032003800420012001a020a00' +
      '1a002200',
    json: { kind: 'Namespace', apiVersion: 'v1', metadata: { name: 'demo2', creationTimestamp: null }, spec: {}, status: {} },
  },
  {
    command: 'kubectl create service clusterip svc1 --tcp=80:8080',
    hex:
      '6b3873000a0d0a027631120753657276696365126c0a210a047376633112001a0022002a003200380042005a0b0a036170701204' +
      '7376633112430a1b0a0738302d38303830120354435018502207080010903f1a002800120b0a036170701204737663311a002209' +
      '436c757374657249503a00420052005a00600068001a020a001a002200',
    json: {
      kind: 'Service',
      apiVersion: 'v1',
      metadata: { name: 'svc1', creationTimestamp: null, labels: { app: 'svc1' } },
      spec: {
        ports: [{ name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080 }],
        selector: { app: 'svc1' },
        type: 'ClusterIP',
      },
      status: { loadBalancer: {} },
    },
  },
];

/** Hex -> bytes. */
export function fromHex(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}
