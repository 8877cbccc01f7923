import { ApiError } from '@chronokube/core';
import { negotiate } from './negotiate';

/** The header kubectl 1.32 sends for `kubectl get`. */
const KUBECTL_GET =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

function rejection(accept: string): ApiError {
  try {
    negotiate(accept);
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error(`negotiate(${accept}) did not throw`);
}

describe('negotiate', () => {
  it("serves a meta.k8s.io/v1 Table for kubectl get's Accept header", () => {
    expect(negotiate(KUBECTL_GET)).toEqual({ table: true });
  });

  it('serves plain JSON when no Accept header is sent or it is empty', () => {
    expect(negotiate(undefined)).toEqual({ table: false });
    expect(negotiate('')).toEqual({ table: false });
  });

  it('serves plain JSON for application/json, with or without parameters', () => {
    expect(negotiate('application/json')).toEqual({ table: false });
    expect(negotiate('application/json;charset=utf-8')).toEqual({ table: false });
    expect(negotiate('application/json;q=0.9')).toEqual({ table: false });
  });

  it('serves plain JSON for wildcards, as curl and browsers send', () => {
    expect(negotiate('*/*')).toEqual({ table: false });
    expect(negotiate('application/*')).toEqual({ table: false });
    expect(negotiate('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')).toEqual({ table: false });
  });

  it('follows the client order: the first servable entry wins', () => {
    expect(negotiate('application/json,application/json;as=Table;v=v1;g=meta.k8s.io')).toEqual({ table: false });
    expect(negotiate('application/vnd.kubernetes.protobuf,application/json;as=Table;v=v1;g=meta.k8s.io')).toEqual({ table: true });
    expect(negotiate('application/vnd.kubernetes.protobuf, application/json')).toEqual({ table: false });
  });

  it('accepts Table parameters in any order and with spaces around them', () => {
    expect(negotiate('application/json; g=meta.k8s.io; as=Table; v=v1')).toEqual({ table: true });
  });

  it('skips representations it cannot serve and falls back to a later entry', () => {
    // A Table of another group, or another "as", is not ours to serve.
    expect(negotiate('application/json;as=Table;v=v1;g=example.com,application/json')).toEqual({ table: false });
    expect(negotiate('application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json')).toEqual({ table: false });
  });

  it('is 406 Not Acceptable when only protobuf is accepted', () => {
    const err = rejection('application/vnd.kubernetes.protobuf');
    expect(err.code).toBe(406);
    expect(err.reason).toBe('NotAcceptable');
    expect(err.message).toBe(
      'only the following media types are accepted: application/json, application/json;as=Table;v=v1;g=meta.k8s.io',
    );
  });

  it('is 406 when no entry can be served', () => {
    expect(rejection('text/html, application/xml').code).toBe(406);
    expect(rejection('application/json;as=Table;v=v1;g=example.com').code).toBe(406);
    expect(rejection('application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io').code).toBe(406);
  });
});
