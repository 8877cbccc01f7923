/**
 * kube-apiserver prints a field error's bad value with Go's `%#v`, so a map
 * of labels reads `map[string]string{"app":"web"}`, not JSON. Admission
 * records that rendering next to the raw value (KubeFieldError.goValue) where
 * the Go form differs from JSON; kubeFieldErrorBody prints it.
 *
 * The shared renderer in api/errors.ts prints JSON for objects. Switching its
 * value printing to `goValue ?? quote(value)` gives byte-for-byte kube text.
 */
import { fieldErrorBody, type FieldError } from '../api/errors';
import type { LabelSelector } from '../api/meta';

/** A field error that also knows how Go would print its value. */
export interface KubeFieldError extends FieldError {
  goValue?: string;
}

const ESCAPES: Record<string, string> = {
  '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '"': '\\"', '\\': '\\\\',
};

/** A string as Go's `%q` prints it. */
export function goString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (ESCAPES[ch]) out += ESCAPES[ch];
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** A map[string]string as `%#v` prints it: keys sorted, `nil` when absent. */
export function goStringMap(m: Record<string, string> | null | undefined): string {
  if (m === null || m === undefined) return 'map[string]string(nil)';
  const keys = Object.keys(m).sort();
  return `map[string]string{${keys.map((k) => `${goString(k)}:${goString(String(m[k]))}`).join(', ')}}`;
}

/** A []string as `%#v` prints it. */
export function goStringSlice(a: readonly string[] | null | undefined): string {
  if (a === null || a === undefined) return '[]string(nil)';
  return `[]string{${a.map((s) => goString(String(s))).join(', ')}}`;
}

/** A metav1.LabelSelector as `%#v` prints it (the value behind the pointer). */
export function goLabelSelector(sel: LabelSelector | null | undefined): string {
  if (sel === null || sel === undefined) return 'null';
  const exprs = sel.matchExpressions;
  const exprText = exprs === undefined || exprs === null
    ? '[]v1.LabelSelectorRequirement(nil)'
    : `[]v1.LabelSelectorRequirement{${exprs.map((e) =>
      `v1.LabelSelectorRequirement{Key:${goString(e.key ?? '')}, Operator:${goString(e.operator ?? '')}, Values:${goStringSlice(e.values)}}`).join(', ')}}`;
  return `v1.LabelSelector{MatchLabels:${goStringMap(sel.matchLabels)}, MatchExpressions:${exprText}}`;
}

/** Attach the Go rendering of the value to a field error. */
export function withGoValue(e: FieldError, goValue: string): KubeFieldError {
  return { ...e, goValue };
}

/**
 * The body kube-apiserver prints for a field error (`Invalid value: ...`),
 * using the Go rendering of the value when one was recorded.
 */
export function kubeFieldErrorBody(e: FieldError): string {
  const gv = (e as KubeFieldError).goValue;
  if (gv === undefined) return fieldErrorBody(e);
  const tail = e.detail ? `: ${e.detail}` : '';
  switch (e.type) {
    case 'FieldValueInvalid':
      return `Invalid value: ${gv}${tail}`;
    case 'FieldValueNotSupported':
      return `Unsupported value: ${gv}${tail}`;
    case 'FieldValueDuplicate':
      return `Duplicate value: ${gv}`;
    case 'FieldValueTypeInvalid':
      return `Invalid value: ${gv}: ${e.detail ?? 'wrong type'}`;
    default:
      return fieldErrorBody(e);
  }
}

/** `field: body`, one line of a 422 message. */
export function kubeFieldErrorMessage(e: FieldError): string {
  return `${e.field}: ${kubeFieldErrorBody(e)}`;
}

/**
 * The whole 422 message as kube-apiserver words it:
 * `Deployment.apps "web" is invalid: spec.selector: Required value`.
 */
export function kubeInvalidMessage(kind: string, name: string, errors: FieldError[], group = ''): string {
  const parts = errors.map(kubeFieldErrorMessage);
  const list = parts.length === 1 ? parts[0] : `[${parts.join(', ')}]`;
  return `${group ? `${kind}.${group}` : kind} "${name}" is invalid: ${list}`;
}
