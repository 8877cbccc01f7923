/** The ApiError a call throws, for the API's tests: the same helper libs/core's tests use. */
export { apiError } from '../../../../libs/core/src/api/api-error.test-helper';
