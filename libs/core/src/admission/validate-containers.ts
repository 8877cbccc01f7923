/**
 * Containers and init containers of a pod spec (validateContainers,
 * validateInitContainers, validateContainerCommon): names, images, ports,
 * environment, volume mounts, pull and termination policies, probes and
 * resources. Expects a defaulted spec, as kube-apiserver validates after
 * defaulting.
 */
import { fieldError, type FieldError } from '../api/errors';
import { fieldNotFound } from './field-errors';
import { child, index } from './field-path';
import { isEnvVarName, isRelaxedEnvVarName, isValidPortName, isValidPortNum } from './formats';
import { isDNS1123Label } from './names';
import { validateLifecycle, validateProbe } from './validate-probes';
import type { ValidationOptions } from './options';
import { validateResourceRequirements } from './validate-resources';
import { asArray, asRecord, str } from './util';

/** The options pod validation reads. */
export type PodValidationOptions = ValidationOptions;

type Obj = Record<string, unknown>;

/** validateContainerPorts. */
export function validateContainerPorts(ports: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  asArray<Obj>(ports).forEach((raw, i) => {
    const port = asRecord(raw) ?? {};
    const p = index(path, i);
    const name = str(port.name);
    if (name) {
      const msgs = isValidPortName(name);
      if (msgs.length) errs.push(...msgs.map((m) => fieldError.invalid(child(p, 'name'), name, m)));
      else if (names.has(name)) errs.push(fieldError.duplicate(child(p, 'name'), name));
      else names.add(name);
    }
    const containerPort = typeof port.containerPort === 'number' ? port.containerPort : 0;
    if (containerPort === 0) errs.push(fieldError.required(child(p, 'containerPort')));
    else errs.push(...isValidPortNum(containerPort).map((m) => fieldError.invalid(child(p, 'containerPort'), containerPort, m)));
    const hostPort = typeof port.hostPort === 'number' ? port.hostPort : 0;
    if (hostPort !== 0) errs.push(...isValidPortNum(hostPort).map((m) => fieldError.invalid(child(p, 'hostPort'), hostPort, m)));
    const protocol = str(port.protocol);
    if (!protocol) errs.push(fieldError.required(child(p, 'protocol')));
    else if (!['SCTP', 'TCP', 'UDP'].includes(protocol)) errs.push(fieldError.notSupported(child(p, 'protocol'), protocol, ['SCTP', 'TCP', 'UDP']));
  });
  return errs;
}

/** ValidateEnv: names, and at most one source for valueFrom. */
export function validateEnv(env: unknown, path: string, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  const check = opts.relaxedEnvVarNames === false ? isEnvVarName : isRelaxedEnvVarName;
  asArray<Obj>(env).forEach((raw, i) => {
    const ev = asRecord(raw) ?? {};
    const p = index(path, i);
    const name = str(ev.name);
    if (!name) errs.push(fieldError.required(child(p, 'name')));
    else errs.push(...check(name).map((m) => fieldError.invalid(child(p, 'name'), name, m)));
    const from = asRecord(ev.valueFrom);
    if (!from) return;
    const sources = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter((s) => asRecord(from[s]));
    const fp = child(p, 'valueFrom');
    if (sources.length === 0) {
      errs.push(fieldError.invalid(fp, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
    } else if (str(ev.value)) {
      errs.push(fieldError.invalid(fp, '', 'may not be specified when `value` is not empty'));
    } else if (sources.length > 1) {
      errs.push(fieldError.invalid(fp, '', 'may not have more than one field specified at a time'));
    }
  });
  return errs;
}

function validateLocalDescendingPath(value: string, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (value.startsWith('/')) errs.push(fieldError.invalid(field, value, 'must be a relative path'));
  if (value.split('/').includes('..')) errs.push(fieldError.invalid(field, value, "must not contain '..'"));
  return errs;
}

/** ValidateVolumeMounts: each names a declared volume, mount paths are unique. */
export function validateVolumeMounts(mounts: unknown, volumes: ReadonlySet<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  asArray<Obj>(mounts).forEach((raw, i) => {
    const m = asRecord(raw) ?? {};
    const p = index(path, i);
    const name = str(m.name);
    const mountPath = str(m.mountPath);
    if (!name) errs.push(fieldError.required(child(p, 'name')));
    if (!volumes.has(name)) errs.push(fieldNotFound(child(p, 'name'), name));
    if (!mountPath) errs.push(fieldError.required(child(p, 'mountPath')));
    if (seen.has(mountPath)) errs.push(fieldError.invalid(child(p, 'mountPath'), mountPath, 'must be unique'));
    seen.add(mountPath);
    const subPath = str(m.subPath);
    const subPathExpr = str(m.subPathExpr);
    // kube reports these under the list path, not the item's.
    if (subPath) errs.push(...validateLocalDescendingPath(subPath, child(path, 'subPath')));
    if (subPathExpr) {
      if (subPath) errs.push(fieldError.invalid(child(p, 'subPathExpr'), subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...validateLocalDescendingPath(subPathExpr, child(path, 'subPathExpr')));
    }
  });
  return errs;
}

function validatePullPolicy(policy: string, field: string): FieldError[] {
  if (['Always', 'IfNotPresent', 'Never'].includes(policy)) return [];
  if (!policy) return [fieldError.required(field)];
  return [fieldError.notSupported(field, policy, ['Always', 'IfNotPresent', 'Never'])];
}

/** validateContainerCommon: what every kind of container must satisfy. */
export function validateContainerCommon(c: Obj, volumes: ReadonlySet<string>, path: string, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(c.name);
  if (!name) errs.push(fieldError.required(child(path, 'name')));
  else errs.push(...isDNS1123Label(name).map((m) => fieldError.invalid(child(path, 'name'), name, m)));
  if (!str(c.image)) errs.push(fieldError.required(child(path, 'image')));
  const tmp = str(c.terminationMessagePolicy);
  if (!tmp) errs.push(fieldError.required(child(path, 'terminationMessagePolicy')));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') {
    errs.push(fieldError.notSupported(child(path, 'terminationMessagePolicy'), tmp, ['File', 'FallbackToLogsOnError']));
  }
  errs.push(...validateContainerPorts(c.ports, child(path, 'ports')));
  errs.push(...validateEnv(c.env, child(path, 'env'), opts));
  errs.push(...validateVolumeMounts(c.volumeMounts, volumes, child(path, 'volumeMounts')));
  errs.push(...validatePullPolicy(str(c.imagePullPolicy), child(path, 'imagePullPolicy')));
  errs.push(...validateResourceRequirements(c.resources, child(path, 'resources')));
  return errs;
}

// Host ports may not collide: key is protocol/hostIP/port, as kube prints it.
function hostPortConflicts(containers: Obj[], path: string, offset = 0): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    asArray<Obj>(c.ports).forEach((raw, pi) => {
      const port = asRecord(raw) ?? {};
      if (typeof port.hostPort !== 'number' || port.hostPort === 0) return;
      const k = `${str(port.protocol)}/${str(port.hostIP)}/${port.hostPort}`;
      const f = child(index(child(index(path, ci + offset), 'ports'), pi), 'hostPort');
      if (seen.has(k)) errs.push(fieldError.duplicate(f, k));
      else seen.add(k);
    });
  });
  return errs;
}

/** validateContainers: at least one, unique names, probes and hooks allowed. */
export function validateContainers(containers: unknown, volumes: ReadonlySet<string>, gracePeriod: number | undefined,
  path: string, opts: PodValidationOptions): FieldError[] {
  const list = asArray<Obj>(containers).map((c) => asRecord(c) ?? {});
  if (list.length === 0) return [fieldError.required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  list.forEach((c, i) => {
    const p = index(path, i);
    errs.push(...validateContainerCommon(c, volumes, p, opts));
    const name = str(c.name);
    if (names.has(name)) errs.push(fieldError.duplicate(child(p, 'name'), name));
    else names.add(name);
    errs.push(...validateLifecycle(c.lifecycle, gracePeriod, child(p, 'lifecycle')));
    for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
      errs.push(...validateProbe(c[probe], probe, gracePeriod, child(p, probe)));
    }
    if (c.restartPolicy !== undefined && c.restartPolicy !== null) {
      errs.push(fieldError.forbidden(child(p, 'restartPolicy'), 'may not be set for non-init containers'));
    }
  });
  return [...errs, ...hostPortConflicts(list, path)];
}

/**
 * validateInitContainers: names unique across regular and init containers;
 * probes and hooks only on restartable (sidecar) init containers.
 */
export function validateInitContainers(initContainers: unknown, containers: unknown, volumes: ReadonlySet<string>,
  gracePeriod: number | undefined, path: string, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set(asArray<Obj>(containers).map((c) => str(asRecord(c)?.name)));
  asArray<Obj>(initContainers).map((c) => asRecord(c) ?? {}).forEach((c, i) => {
    const p = index(path, i);
    errs.push(...validateContainerCommon(c, volumes, p, opts));
    let restartAlways = false;
    if (c.restartPolicy !== undefined && c.restartPolicy !== null) {
      if (c.restartPolicy === 'Always') restartAlways = true;
      else errs.push(fieldError.notSupported(child(p, 'restartPolicy'), c.restartPolicy, ['Always']));
    }
    const name = str(c.name);
    if (names.has(name)) errs.push(fieldError.duplicate(child(p, 'name'), name));
    else if (name) names.add(name);
    errs.push(...hostPortConflicts([c], path, i));
    if (restartAlways) {
      errs.push(...validateLifecycle(c.lifecycle, gracePeriod, child(p, 'lifecycle')));
      for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
        errs.push(...validateProbe(c[probe], probe, gracePeriod, child(p, probe)));
      }
    } else {
      for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (c[f] !== undefined && c[f] !== null) {
          errs.push(fieldError.forbidden(child(p, f), 'may not be set for init containers without restartPolicy=Always'));
        }
      }
    }
  });
  return errs;
}
