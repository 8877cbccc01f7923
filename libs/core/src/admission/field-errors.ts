/**
 * Field errors kube-apiserver raises that the shared helpers in api/errors.ts
 * do not spell out: "field is immutable" and "not found".
 */
import { fieldError, type FieldError } from '../api/errors';
import { semanticEqual } from './util';
import { withGoValue, type KubeFieldError } from './go-format';

/** apimachinery's FieldImmutableErrorMsg. */
export const FIELD_IMMUTABLE = 'field is immutable';

/** apimachinery's IsNegativeErrorMsg. */
export const IS_NEGATIVE = 'must be greater than or equal to 0';

/**
 * ValidateImmutableField: an error (carrying the new value) when the value
 * changed semantically, else nothing.
 */
export function validateImmutable(newVal: unknown, oldVal: unknown, field: string, goValue?: string): KubeFieldError[] {
  if (semanticEqual(newVal, oldVal)) return [];
  const e = fieldError.invalid(field, newVal, FIELD_IMMUTABLE);
  return [goValue === undefined ? e : withGoValue(e, goValue)];
}

/** ValidateNonnegativeField. */
export function validateNonnegative(value: number | undefined, field: string): FieldError[] {
  return typeof value === 'number' && value < 0 ? [fieldError.invalid(field, value, IS_NEGATIVE)] : [];
}

/**
 * field.NotFound. The shared error taxonomy has no NotFound field type yet,
 * so this is reported as Invalid with detail "not found"; kube prints
 * `Not found: "name"`.
 */
export function fieldNotFound(field: string, value: unknown): FieldError {
  return fieldError.invalid(field, value, 'not found');
}
