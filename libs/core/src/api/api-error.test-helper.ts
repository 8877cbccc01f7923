import { ApiError } from './errors';

/** For tests: the ApiError `fn` throws; anything else (or nothing) fails the test. */
export function apiError(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
}
