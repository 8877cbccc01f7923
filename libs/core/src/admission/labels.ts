/**
 * Label keys and label maps as admission checks them. The rules live with
 * the selectors (selectors/label-selector.ts); this adapts them to
 * unvalidated input, where a label value may not even be a string.
 */
import { fieldError, type FieldError } from '../api/errors';
import { validateLabels as validateLabelMap } from '../selectors/label-selector';
import { isQualifiedName } from './names';
import { asRecord } from './util';

/** ValidateLabelName: a qualified name. */
export function validateLabelName(name: string, field: string): FieldError[] {
  return isQualifiedName(name).map((m) => fieldError.invalid(field, name, m));
}

/** ValidateLabels on raw input; errors name the map (`metadata.labels`), not the key. */
export function validateLabelsField(labels: unknown, field: string): FieldError[] {
  const map: Record<string, string> = {};
  for (const [k, v] of Object.entries(asRecord(labels) ?? {})) map[k] = typeof v === 'string' ? v : String(v);
  return validateLabelMap(map, field);
}
