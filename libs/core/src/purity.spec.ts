/**
 * libs/core is pure and browser-safe: the web UI and the server share it, so
 * no file of it (specs aside) may import a Node module. A plain scan of the
 * import, export-from, require() and import() statements of every source
 * file, so a new one cannot slip in unnoticed; anything Node-only (hashes,
 * random bytes, files) comes in as a parameter from the apps.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = __dirname;

/** Node's built-ins a browser lacks (and `node:` anything). */
const BUILTINS = ['fs', 'path', 'crypto', 'os', 'child_process', 'net', 'http', 'https', 'zlib', 'stream', 'util', 'events', 'buffer'];

/** Every module specifier of a source text: static imports, re-exports, side-effect imports, require() and import(). */
export function moduleSpecifiers(source: string): string[] {
  const text = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?[\s\S]*?\bfrom\s*(['"])([^'"]+)\1/g,
    /\bimport\s*(['"])([^'"]+)\1/g,
    /\b(?:require|import)\s*\(\s*(['"`])([^'"`]+)\1\s*\)/g,
  ];
  const found: string[] = [];
  for (const re of patterns) for (const m of text.matchAll(re)) found.push(m[2]);
  return found;
}

/** Whether a specifier names a Node module: `node:*`, or a listed built-in or one of its subpaths (`fs/promises`). */
export function isNodeModule(specifier: string): boolean {
  return specifier.startsWith('node:') || BUILTINS.includes(specifier.split('/')[0]);
}

/** Node-only globals a browser lacks: code that uses them breaks there even without an import. */
const NODE_GLOBALS = ['Buffer', 'process', 'global', '__dirname', '__filename', 'setImmediate', 'clearImmediate'];

/** Node-only globals `source` uses as identifiers (comments, strings and property names like `x.process` aside). */
export function nodeGlobals(source: string): string[] {
  const code = source
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1')
    .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, "''");
  const found = new Set<string>();
  for (const m of code.matchAll(new RegExp(`(?<![.\\w$])(${NODE_GLOBALS.join('|')})(?![\\w$]|\\s*:)`, 'g'))) found.add(m[1]);
  return [...found].sort();
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(entry.name) && !/\.spec\.ts$/.test(entry.name) ? [file] : [];
  });
}

describe('libs/core stays pure', () => {
  it('the scan finds every form of import, and only Node modules count', () => {
    const source = [
      "import fs from 'node:fs';",
      'import { createHash } from "crypto";',
      "import type { Stats } from 'fs/promises';",
      "export { inspect } from 'util';",
      "import 'events';",
      "const cp = require('child_process');",
      'const z = await import(`zlib`);',
      "import {\n  a,\n  b,\n} from 'stream';",
      "import { x } from '../path/to';",
      "import { y } from './buffer-view';",
      "// import os from 'os';",
      "/* require('net') */",
    ].join('\n');
    const specifiers = moduleSpecifiers(source);
    expect(specifiers.filter(isNodeModule).sort()).toEqual(['child_process', 'crypto', 'events', 'fs/promises', 'node:fs', 'stream', 'util', 'zlib']);
    expect(specifiers).toEqual(expect.arrayContaining(['../path/to', './buffer-view']));
  });

  it('the global scan finds Node globals, and not words in comments, strings or property names', () => {
    const source = [
      "const b = Buffer.from('x');",
      'if (process.env.X) setImmediate(() => 1);',
      "// Buffer in a comment, process too",
      "const s = 'Buffer and __dirname in a string';",
      'const o = { process: 1, global: 2 };',
      'o.process; o.Buffer; const myBuffer = 1;',
      '/* global */',
    ].join('\n');
    expect(nodeGlobals(source)).toEqual(['Buffer', 'process', 'setImmediate']);
  });

  it('no source file under libs/core/src uses a Node-only global (test helpers aside)', () => {
    const files = sourceFiles(ROOT).filter((f) => !f.includes(`${path.sep}test${path.sep}`) && !f.endsWith('.test-helper.ts'));
    const offenders = files.flatMap((file) => nodeGlobals(fs.readFileSync(file, 'utf8')).map((g) => `${path.relative(ROOT, file)} uses ${g}`));
    expect(offenders).toEqual([]);
  });

  it('no source file under libs/core/src imports a Node module', () => {
    const files = sourceFiles(ROOT);
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.flatMap((file) =>
      moduleSpecifiers(fs.readFileSync(file, 'utf8')).filter(isNodeModule).map((m) => `${path.relative(ROOT, file)} imports ${m}`),
    );
    expect(offenders).toEqual([]);
  });
});
