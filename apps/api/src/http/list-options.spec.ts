import { ApiError } from '@chronokube/core';
import { encodeContinue, parseListOptions } from './list-options';

const parse = (query: string) => parseListOptions(new URLSearchParams(query));

/** The ApiError parsing throws, or fails the test. */
function rejection(query: string): ApiError {
  try {
    parse(query);
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error(`?${query} was accepted`);
}

describe('parseListOptions: defaults and selectors', () => {
  it('gives only the two flags, false, for an empty query', () => {
    expect(parse('')).toEqual({ labelSelector: undefined, fieldSelector: undefined, watch: false, allowWatchBookmarks: false });
  });

  it('passes selectors through as written, and empty ones as absent', () => {
    const opts = parse('labelSelector=app%3Dweb%2Ctier!%3Ddb&fieldSelector=spec.nodeName%3Dn1');
    expect(opts.labelSelector).toBe('app=web,tier!=db');
    expect(opts.fieldSelector).toBe('spec.nodeName=n1');
    expect(parse('labelSelector=&fieldSelector=').labelSelector).toBeUndefined();
  });
});

describe('parseListOptions: watch flags', () => {
  it('reads them as kube-apiserver does: only 0 and false (any case) are unset', () => {
    for (const v of ['true', 'True', 'TRUE', 't', 'T', '1', 'yes', '']) expect([v, parse(`watch=${v}`).watch]).toEqual([v, true]);
    for (const v of ['false', 'False', 'FALSE', 'fAlSe', '0']) expect([v, parse(`watch=${v}`).watch]).toEqual([v, false]);
    expect(parse('allowWatchBookmarks=True').allowWatchBookmarks).toBe(true);
    expect(parse('allowWatchBookmarks=true').allowWatchBookmarks).toBe(true);
    expect(parse('allowWatchBookmarks=1').allowWatchBookmarks).toBe(true);
    expect(parse('watch=1').allowWatchBookmarks).toBe(false);
  });
});

describe('parseListOptions: resourceVersion', () => {
  it('parses a decimal resourceVersion, with 0 meaning any', () => {
    expect(parse('resourceVersion=12345').resourceVersion).toBe(12345);
    expect(parse('resourceVersion=0').resourceVersion).toBe(0);
    expect(parse('resourceVersion=').resourceVersion).toBeUndefined();
    expect(parse('').resourceVersion).toBeUndefined();
  });

  it('rejects a resourceVersion that is not a non-negative integer with 400', () => {
    for (const bad of ['abc', '-1', '1.5', '12a', ' 7']) {
      const err = rejection(`resourceVersion=${encodeURIComponent(bad)}`);
      expect(err.code).toBe(400);
      expect(err.message).toBe(`Invalid value: "${bad}": resourceVersion must be an integer`);
    }
  });

  it('accepts Exact and NotOlderThan with a resourceVersion', () => {
    expect(parse('resourceVersion=10&resourceVersionMatch=Exact')).toMatchObject({ resourceVersion: 10, resourceVersionMatch: 'Exact' });
    expect(parse('resourceVersion=10&resourceVersionMatch=NotOlderThan')).toMatchObject({ resourceVersion: 10, resourceVersionMatch: 'NotOlderThan' });
    expect(parse('resourceVersion=0&resourceVersionMatch=NotOlderThan')).toMatchObject({ resourceVersion: 0, resourceVersionMatch: 'NotOlderThan' });
  });

  it('rejects resourceVersionMatch without a resourceVersion', () => {
    const err = rejection('resourceVersionMatch=Exact');
    expect(err.message).toBe('ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided');
    expect(rejection('resourceVersionMatch=NotOlderThan&resourceVersion=').message).toContain('unless resourceVersion is provided');
  });

  it('rejects Exact at resourceVersion 0', () => {
    expect(rejection('resourceVersion=0&resourceVersionMatch=Exact').message).toBe(
      'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch "exact" is forbidden for resourceVersion "0"',
    );
  });

  it('rejects an unknown resourceVersionMatch, listing the supported values', () => {
    expect(rejection('resourceVersion=5&resourceVersionMatch=exact').message).toBe(
      'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Unsupported value: "exact": supported values: "Exact", "NotOlderThan"',
    );
  });

  // kube-apiserver validates these with ValidateListOptions and answers
  // errors.NewInvalid(ListOptions.meta.k8s.io, "", errs): 422 Invalid, not 400.
  it('answers a resourceVersionMatch violation with 422 Invalid, as kube-apiserver does', () => {
    const err = rejection('resourceVersionMatch=Exact');
    expect(err.code).toBe(422);
    expect(err.reason).toBe('Invalid');
  });

  // ValidateListOptions: "resourceVersionMatch is forbidden when continue is provided".
  it('rejects resourceVersionMatch together with continue', () => {
    const token = encodeContinue(40, 'default/b');
    expect(rejection(`resourceVersion=0&resourceVersionMatch=NotOlderThan&continue=${token}`).message).toContain(
      'resourceVersionMatch is forbidden when continue is provided',
    );
  });

  // validateWatchOptions: "resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided".
  it('rejects resourceVersionMatch on a watch', () => {
    expect(rejection('watch=1&resourceVersion=10&resourceVersionMatch=NotOlderThan').message).toContain(
      'resourceVersionMatch is forbidden for watch',
    );
  });
});

describe('parseListOptions: limit', () => {
  it('parses a positive limit and treats 0 as no limit', () => {
    expect(parse('limit=500').limit).toBe(500);
    expect(parse('limit=1').limit).toBe(1);
    expect(parse('limit=0').limit).toBeUndefined();
    expect(parse('').limit).toBeUndefined();
  });

  it('rejects a limit that is not a non-negative integer', () => {
    const err = rejection('limit=ten');
    expect(err.code).toBe(400);
    expect(err.message).toBe('limit: Invalid value: "ten": must be a non-negative integer');
    expect(rejection('limit=2.5').code).toBe(400);
  });
});

describe('parseListOptions: continue', () => {
  it('round-trips a token made by encodeContinue', () => {
    const token = encodeContinue(1234, 'default/web-7');
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(parse(`continue=${token}`).continueToken).toEqual({ position: 1234, after: 'default/web-7' });
  });

  it('round-trips keys with characters that need escaping', () => {
    const token = encodeContinue(7, 'ns/naïve "name"+/');
    expect(parse(`continue=${encodeURIComponent(token)}`).continueToken).toEqual({ position: 7, after: 'ns/naïve "name"+/' });
  });

  it('allows continue with resourceVersion 0 but no other resourceVersion', () => {
    const token = encodeContinue(50, 'a');
    expect(parse(`continue=${token}&resourceVersion=0`).continueToken).toEqual({ position: 50, after: 'a' });
    const err = rejection(`continue=${token}&resourceVersion=50`);
    expect(err.code).toBe(400);
    expect(err.message).toBe('specifying resource version is not allowed when using continue');
  });

  it('rejects tokens it did not issue', () => {
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const garbage = [
      'not-a-token',
      '%%%',
      Buffer.from('{"v":1').toString('base64url'),
      b64({ v: 2, rv: 1, start: 'a' }),
      b64({ v: 1, rv: '1', start: 'a' }),
      b64({ v: 1, rv: 1 }),
      b64(null),
      b64([1, 2]),
    ];
    for (const token of garbage) {
      const err = rejection(`continue=${encodeURIComponent(token)}`);
      expect(err.code).toBe(400);
      expect(err.message).toBe('continue key is not valid: the continue token could not be decoded');
    }
  });
});

describe('parseListOptions: timeoutSeconds and includeObject', () => {
  it('parses timeoutSeconds', () => {
    expect(parse('timeoutSeconds=300').timeoutSeconds).toBe(300);
    expect(parse('timeoutSeconds=0').timeoutSeconds).toBe(0);
    expect(parse('').timeoutSeconds).toBeUndefined();
  });

  it('rejects a non-numeric timeoutSeconds', () => {
    const err = rejection('timeoutSeconds=5m');
    expect(err.code).toBe(400);
    expect(err.message).toBe('timeoutSeconds: Invalid value: "5m"');
  });

  it('accepts the three includeObject policies and rejects others', () => {
    for (const v of ['None', 'Metadata', 'Object']) expect(parse(`includeObject=${v}`).includeObject).toBe(v);
    expect(rejection('includeObject=All').message).toBe('includeObject: Unsupported value: "All"');
  });
});
