/** Label and field selectors: parsing, matching and validation. */
export {
  parseLabelSelector,
  selectorFromLabelSelector,
  selectorFromSet,
  everythingSelector,
  nothingSelector,
  labelSelectorMatches,
  validateLabelSelector,
  type LabelMatcher,
} from './label-selector';
export type { LabelOperator, LabelRequirement } from './label-requirement';
export { parseFieldSelector, escapeFieldValue, type FieldMatcher, type FieldRequirement } from './field-selector';
export { supportedFieldLabels, selectableFieldValue, isSelectableField } from './selectable-fields';
