/**
 * ValidatePodSpec and ValidatePodTemplateSpec: the rules a pod spec obeys
 * wherever it appears (Pod, or a Deployment/ReplicaSet template), with
 * field paths under the given prefix (`spec` or `spec.template.spec`).
 */
import { fieldError, type FieldError } from '../api/errors';
import type { PodSpec, PodTemplateSpec } from '../api/types';
import { child, index } from './field-path';
import { validateIP } from './formats';
import { validateLabelName, validateLabelsField as validateLabels } from './labels';
import { inclusiveRangeError, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue, nameIsDNSSubdomain } from './names';
import { validateAnnotations } from './object-meta';
import { validateContainers, validateInitContainers, type PodValidationOptions } from './validate-containers';
import { asArray, asRecord, str } from './util';

type Obj = Record<string, unknown>;

const MAX_INT32 = 2147483647;

/** Every volume source field of core/v1 Volume. */
export const VOLUME_SOURCES: readonly string[] = [
  'emptyDir', 'hostPath', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'flocker', 'persistentVolumeClaim', 'rbd', 'cinder', 'cephfs', 'quobyte', 'downwardAPI', 'fc', 'flexVolume', 'configMap',
  'azureFile', 'vsphereVolume', 'photonPersistentDisk', 'portworxVolume', 'azureDisk', 'storageos', 'projected', 'scaleIO',
  'csi', 'ephemeral', 'image',
];

// The one field each common source cannot do without.
const REQUIRED_IN_SOURCE: Record<string, string> = {
  configMap: 'name', secret: 'secretName', hostPath: 'path', persistentVolumeClaim: 'claimName', nfs: 'server',
};

/** ValidateVolumes: unique DNS-label names and exactly one source each. Returns the valid names too. */
export function validateVolumes(volumes: unknown, path: string): { names: Set<string>; errs: FieldError[] } {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  asArray<Obj>(volumes).forEach((raw, i) => {
    const v = asRecord(raw) ?? {};
    const p = index(path, i);
    const el: FieldError[] = [];
    let count = 0;
    for (const src of VOLUME_SOURCES) {
      const s = asRecord(v[src]);
      if (!s) continue;
      if (count > 0) {
        el.push(fieldError.forbidden(child(p, src), 'may not specify more than 1 volume type'));
        continue;
      }
      count++;
      const need = REQUIRED_IN_SOURCE[src];
      if (need && !str(s[need])) el.push(fieldError.required(child(p, src, need)));
    }
    if (count === 0) el.push(fieldError.required(p, 'must specify a volume type'));
    const name = str(v.name);
    if (!name) el.push(fieldError.required(child(p, 'name')));
    else el.push(...isDNS1123Label(name).map((m) => fieldError.invalid(child(p, 'name'), name, m)));
    if (names.has(name)) el.push(fieldError.duplicate(child(p, 'name'), name));
    if (el.length === 0) names.add(name);
    errs.push(...el);
  });
  return { names, errs };
}

/** ValidateTolerations. */
export function validateTolerations(tolerations: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  asArray<Obj>(tolerations).forEach((raw, i) => {
    const t = asRecord(raw) ?? {};
    const p = index(path, i);
    const k = str(t.key);
    const op = str(t.operator);
    const effect = str(t.effect);
    if (k) errs.push(...validateLabelName(k, child(p, 'key')));
    if (!k && op !== 'Exists') {
      errs.push(fieldError.invalid(child(p, 'operator'), op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && effect !== 'NoExecute') {
      errs.push(fieldError.invalid(child(p, 'effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (op === 'Equal' || op === '') {
      const msgs = isValidLabelValue(str(t.value));
      if (msgs.length) errs.push(fieldError.invalid(child(p, 'operator'), str(t.value), msgs.join(';')));
    } else if (op === 'Exists') {
      if (str(t.value)) errs.push(fieldError.invalid(child(p, 'operator'), t, "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push(fieldError.notSupported(child(p, 'operator'), op, ['Equal', 'Exists']));
    }
    if (effect && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(effect)) {
      errs.push(fieldError.notSupported(child(p, 'effect'), effect, ['NoSchedule', 'PreferNoSchedule', 'NoExecute']));
    }
  });
  return errs;
}

function oneOf(value: string, allowed: string[], field: string): FieldError[] {
  if (allowed.includes(value)) return [];
  return value ? [fieldError.notSupported(field, value, allowed)] : [fieldError.required(field)];
}

function validateDNSConfig(spec: Obj, path: string): FieldError[] {
  const cfg = asRecord(spec.dnsConfig);
  if (spec.dnsPolicy === 'None') {
    if (!cfg) return [fieldError.required(path, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (!asArray(cfg.nameservers).length) {
      return [fieldError.required(child(path, 'nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
    }
  }
  if (!cfg) return [];
  const errs: FieldError[] = [];
  const ns = asArray<string>(cfg.nameservers);
  if (ns.length > 3) errs.push(fieldError.invalid(child(path, 'nameservers'), ns, 'must not have more than 3 nameservers'));
  ns.forEach((ip, i) => errs.push(...validateIP(index(child(path, 'nameservers'), i), str(ip))));
  asArray<string>(cfg.searches).forEach((s, i) => {
    const trimmed = str(s).replace(/\.$/, '');
    errs.push(...isDNS1123Subdomain(trimmed).map((m) => fieldError.invalid(index(child(path, 'searches'), i), trimmed, m)));
  });
  return errs;
}

/** ValidatePodSpec under `path`. */
export function validatePodSpec(specIn: PodSpec | undefined, path: string, opts: PodValidationOptions = {}, isPod = false): FieldError[] {
  const spec = (asRecord(specIn) ?? {}) as Obj;
  const errs: FieldError[] = [];
  const grace = spec.terminationGracePeriodSeconds;
  if (grace === undefined || grace === null) errs.push(fieldError.required(child(path, 'terminationGracePeriodSeconds')));
  const gracePeriod = typeof grace === 'number' ? grace : undefined;
  const vols = validateVolumes(spec.volumes, child(path, 'volumes'));
  errs.push(...vols.errs);
  errs.push(...validateContainers(spec.containers, vols.names, gracePeriod, child(path, 'containers'), opts));
  errs.push(...validateInitContainers(spec.initContainers, spec.containers, vols.names, gracePeriod, child(path, 'initContainers'), opts));
  if (spec.hostNetwork === true) {
    asArray<Obj>(spec.containers).forEach((c, ci) => asArray<Obj>(asRecord(c)?.ports).forEach((raw, pi) => {
      const port = asRecord(raw) ?? {};
      const hp = typeof port.hostPort === 'number' ? port.hostPort : 0;
      if ((isPod || hp !== 0) && hp !== port.containerPort) {
        errs.push(fieldError.invalid(child(index(child(index(child(path, 'containers'), ci), 'ports'), pi), 'hostPort'), hp,
          'must match `containerPort` when `hostNetwork` is true'));
      }
    }));
  }
  errs.push(...oneOf(str(spec.restartPolicy), ['Always', 'OnFailure', 'Never'], child(path, 'restartPolicy')));
  errs.push(...oneOf(str(spec.dnsPolicy), ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'], child(path, 'dnsPolicy')));
  errs.push(...validateLabels(spec.nodeSelector, child(path, 'nodeSelector')));
  asArray<Obj>(spec.imagePullSecrets).forEach((s, i) => {
    const r = asRecord(s) ?? {};
    if (Object.keys(r).some((k) => k !== 'name')) errs.push(fieldError.invalid(index(child(path, 'imagePullSecrets'), i), r, 'only name may be set'));
  });
  errs.push(...validateDNSConfig(spec, child(path, 'dnsConfig')));
  asArray<Obj>(spec.readinessGates).forEach((g, i) => {
    const t = str(asRecord(g)?.conditionType);
    errs.push(...isQualifiedName(t).map((m) => fieldError.invalid(child(index(child(path, 'readinessGates'), i), 'conditionType'), t, m)));
  });
  const gates = new Set<string>();
  asArray<Obj>(spec.schedulingGates).forEach((g, i) => {
    const name = str(asRecord(g)?.name);
    const p = index(child(path, 'schedulingGates'), i);
    errs.push(...isQualifiedName(name).map((m) => fieldError.invalid(p, name, m)));
    if (gates.has(name)) errs.push(fieldError.duplicate(p, name));
    gates.add(name);
  });
  for (const f of ['serviceAccountName', 'nodeName', 'priorityClassName']) {
    const v = str(spec[f]);
    if (v) errs.push(...nameIsDNSSubdomain(v, false).map((m) => fieldError.invalid(child(path, f), v, m)));
  }
  const ads = spec.activeDeadlineSeconds;
  if (typeof ads === 'number' && (ads < 1 || ads > MAX_INT32)) {
    errs.push(fieldError.invalid(child(path, 'activeDeadlineSeconds'), ads, inclusiveRangeError(1, MAX_INT32)));
  }
  for (const f of ['hostname', 'subdomain']) {
    const v = str(spec[f]);
    if (v) errs.push(...isDNS1123Label(v).map((m) => fieldError.invalid(child(path, f), v, m)));
  }
  errs.push(...validateTolerations(spec.tolerations, child(path, 'tolerations')));
  if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== null) {
    errs.push(...oneOf(str(spec.preemptionPolicy), ['PreemptLowerPriority', 'Never'], child(path, 'preemptionPolicy')));
  }
  const os = asRecord(spec.os);
  if (os) {
    if (!str(os.name)) errs.push(fieldError.required(child(path, 'os', 'name'), 'cannot be empty'));
    else if (!['linux', 'windows'].includes(str(os.name))) errs.push(fieldError.notSupported(child(path, 'os'), str(os.name), ['linux', 'windows']));
  }
  return errs;
}

/**
 * ValidatePodTemplateSpec under `path` (e.g. `spec.template`). Template
 * labels are reported at `<path>.labels`, as kube does, not under metadata.
 */
export function validatePodTemplateSpec(tpl: PodTemplateSpec | undefined, path: string, opts: PodValidationOptions = {}): FieldError[] {
  const meta = tpl?.metadata ?? {};
  const errs = [
    ...validateLabels(meta.labels, child(path, 'labels')),
    ...validateAnnotations(meta.annotations, child(path, 'annotations')),
    ...validatePodSpec(tpl?.spec, child(path, 'spec'), opts),
  ];
  if (asArray(asRecord(tpl?.spec)?.ephemeralContainers).length) {
    errs.push(fieldError.forbidden(child(path, 'spec', 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  }
  return errs;
}
