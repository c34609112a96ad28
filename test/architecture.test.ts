/**
 * Keeps the layer picture of docs/architecture.md true: every import inside src/ must
 * point to the same layer or to a layer below it, and the I/O-free layers must not
 * import Node's I/O modules.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const srcDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src');

/** Which layers each layer may import (besides itself). */
const allowedImports: Record<string, readonly string[]> = {
  common: [],
  protocol: ['common'],
  remoting: ['common', 'protocol'],
  store: ['common', 'protocol'],
  namesrv: ['common', 'protocol', 'remoting'],
  broker: ['common', 'protocol', 'remoting', 'store'],
  replication: ['common', 'protocol', 'remoting', 'store'],
  client: ['common', 'protocol', 'remoting'],
  proxy: ['common', 'protocol', 'remoting', 'client', 'broker'],
  console: ['common', 'protocol', 'remoting', 'client'],
  testing: ['common', 'protocol', 'remoting', 'store', 'namesrv', 'broker', 'client'],
  cli: ['common', 'protocol', 'remoting', 'namesrv', 'broker', 'replication', 'proxy', 'client', 'console'],
};

/** Layers that do no I/O, and the Node modules that would mean they do. */
const ioFreeLayers = ['protocol'];
const ioModules = /^(node:)?(fs|fs\/promises|net|dgram|http|https|http2|tls|child_process|cluster|worker_threads)$/;

const importPattern = /(?:^|\s)(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

function layerOf(path: string): string | undefined {
  const rel = relative(srcDir, path);
  return rel.startsWith('..') ? undefined : rel.split(sep)[0];
}

function importViolations(file: string, text: string): string[] {
  const from = layerOf(file);
  if (from === undefined) return [];
  const violations: string[] = [];
  for (const match of text.matchAll(importPattern)) {
    const specifier = match[1] ?? match[2] ?? '';
    if (specifier.startsWith('.')) {
      const target = resolve(dirname(file), specifier);
      const to = layerOf(target);
      if (to === undefined) violations.push(`${relative(srcDir, file)} imports ${specifier}, outside src/`);
      else if (to !== from && !(allowedImports[from] ?? []).includes(to)) {
        violations.push(`${relative(srcDir, file)} (${from}) imports ${specifier} (${to})`);
      }
    } else if (ioFreeLayers.includes(from) && ioModules.test(specifier)) {
      violations.push(`${relative(srcDir, file)} (${from}, no I/O) imports ${specifier}`);
    }
  }
  return violations;
}

describe('architecture', () => {
  it('every src/ directory is a known layer', () => {
    const layers = readdirSync(srcDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(layers.filter((layer) => !(layer in allowedImports))).toEqual([]);
  });

  it('imports point only downwards between layers, and protocol does no I/O', () => {
    const violations = sourceFiles(srcDir).flatMap((file) => importViolations(file, readFileSync(file, 'utf8')));
    expect(violations).toEqual([]);
  });

  it('the check catches an upward import, an import from outside src and I/O in protocol', () => {
    const file = join(srcDir, 'protocol', 'example.ts');
    const text = [
      "import { RemotingServer } from '../remoting/server.js';",
      "import { helper } from '../../test/support/fixtures.js';",
      "import { readFileSync } from 'node:fs';",
      "import type { Logger } from '../common/log.js';",
    ].join('\n');
    expect(importViolations(file, text)).toEqual([
      'protocol/example.ts (protocol) imports ../remoting/server.js (remoting)',
      'protocol/example.ts imports ../../test/support/fixtures.js, outside src/',
      'protocol/example.ts (protocol, no I/O) imports node:fs',
    ]);
  });
});
