'use strict';
/**
 * The one place that says how TypeScript is compiled, shared by the runtime
 * require hook (tools/register.js) and Jest (jest.config.js), so tests run
 * exactly the code the launcher runs. Decorator metadata is on because the
 * NestJS control plane resolves providers by constructor parameter types.
 */
module.exports = function swcOptions() {
  return {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, dynamicImport: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  };
};
