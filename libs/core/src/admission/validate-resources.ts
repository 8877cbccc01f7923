/**
 * A container's resources: names must be standard or extended resources,
 * quantities well-formed and non-negative, and a request may not exceed its
 * limit (or, for resources that cannot be overcommitted, must equal it).
 * Messages quote the quantities as written; kube prints their canonical form.
 */
import { fieldError, type FieldError } from '../api/errors';
import { IS_NEGATIVE } from './field-errors';
import { child, key } from './field-path';
import { isQualifiedName } from './names';
import { QUANTITY_FORMAT_ERROR, compareQuantity, parseQuantity } from './quantity';
import { asRecord } from './util';

const STANDARD_CONTAINER_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];

const isNative = (name: string) => !name.includes('/') || name.includes('kubernetes.io/');
const isHugePages = (name: string) => name.startsWith('hugepages-');

/** IsExtendedResourceName: domain-prefixed, not kubernetes.io, and not a quota `requests.` name. */
export function isExtendedResourceName(name: string): boolean {
  if (isNative(name) || name.startsWith('requests.')) return false;
  return isQualifiedName(`requests.${name}`).length === 0;
}

/** Only native, non-hugepage resources (cpu, memory, ...) can be overcommitted. */
export function isOvercommitAllowed(name: string): boolean {
  return isNative(name) && !isHugePages(name);
}

function validateResourceName(name: string, field: string): FieldError[] {
  const errs = isQualifiedName(name).map((m) => fieldError.invalid(field, name, m));
  if (errs.length) return errs;
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER_RESOURCES.includes(name) && !isHugePages(name)) {
      return [fieldError.invalid(field, name, 'must be a standard resource for containers')];
    }
  } else if (!isNative(name) && !isExtendedResourceName(name)) {
    return [fieldError.invalid(field, name, "doesn't follow extended resource name standard")];
  }
  return [];
}

function validateQuantity(name: string, raw: unknown, field: string): { value?: bigint; errs: FieldError[] } {
  const value = parseQuantity(raw);
  if (value === undefined) return { errs: [fieldError.invalid(field, raw, QUANTITY_FORMAT_ERROR)] };
  const errs: FieldError[] = [];
  if (value < 0n) errs.push(fieldError.invalid(field, String(raw), IS_NEGATIVE));
  if (isExtendedResourceName(name) && value % 1_000_000_000n !== 0n) errs.push(fieldError.invalid(field, String(raw), 'must be an integer'));
  return { value, errs };
}

/** ValidateContainerResourceRequirements for `<container>.resources`. */
export function validateResourceRequirements(resources: unknown, path: string): FieldError[] {
  const res = asRecord(resources) ?? {};
  const limits = asRecord(res.limits) ?? {};
  const requests = asRecord(res.requests) ?? {};
  const limPath = child(path, 'limits');
  const reqPath = child(path, 'requests');
  const errs: FieldError[] = [];
  const limitValues = new Map<string, bigint>();
  for (const [name, raw] of Object.entries(limits)) {
    const f = key(limPath, name);
    errs.push(...validateResourceName(name, f));
    const q = validateQuantity(name, raw, f);
    errs.push(...q.errs);
    if (q.value !== undefined) limitValues.set(name, q.value);
  }
  for (const [name, raw] of Object.entries(requests)) {
    const f = key(reqPath, name);
    errs.push(...validateResourceName(name, f));
    const q = validateQuantity(name, raw, f);
    errs.push(...q.errs);
    if (q.value === undefined) continue;
    const limit = limitValues.get(name);
    if (limit !== undefined) {
      const cmp = compareQuantity(q.value, limit);
      if (cmp !== 0 && !isOvercommitAllowed(name)) {
        errs.push(fieldError.invalid(reqPath, String(raw), `must be equal to ${name} limit of ${String(limits[name])}`));
      } else if (cmp > 0) {
        errs.push(fieldError.invalid(reqPath, String(raw), `must be less than or equal to ${name} limit of ${String(limits[name])}`));
      }
    } else if (!isOvercommitAllowed(name)) {
      errs.push(fieldError.required(limPath, 'Limit must be set for non overcommitable resources'));
    }
  }
  return errs;
}
