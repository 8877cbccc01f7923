import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * A static export: `chronokube web` serves apps/web/out and proxies the API,
 * so there is no Next server at runtime (PLAN12.md).
 * @type {import('next').NextConfig}
 */
const nextConfig = {
  output: 'export',
  trailingSlash: true,
  images: { unoptimized: true },
  // libs/core is TypeScript source shared with the server; the browser uses its pure code.
  transpilePackages: ['@chronokube/core'],
  // The workspace root holds node_modules and libs/core.
  turbopack: { root: resolve(here, '../..') },
  outputFileTracingRoot: resolve(here, '../..'),
  reactStrictMode: true,
  poweredByHeader: false,
};

export default nextConfig;
