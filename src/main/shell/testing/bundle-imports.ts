/**
 * What a built bundle imports, read from the files electron-vite wrote (not
 * from the sources): every module specifier of every `import`/`export …
 * from`, `import()` with a literal and `require()` call, parsed with acorn.
 * Used to check that each package main loads at run time is a dependency a
 * packaged app carries, and which files a start loads before the window.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'acorn';

export interface BundleImport {
  /** The file (absolute path) that imports. */
  file: string;
  specifier: string;
  /** `import()` or `require()`: loaded when that code runs, not when the file is imported. */
  dynamic: boolean;
}

interface AstNode {
  type: string;
  [key: string]: unknown;
}

const isNode = (value: unknown): value is AstNode =>
  typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';

function literal(node: unknown): string | null {
  return isNode(node) && node.type === 'Literal' && typeof node.value === 'string' ? node.value : null;
}

function visit(node: AstNode, found: (specifier: string, dynamic: boolean) => void): void {
  switch (node.type) {
    case 'ImportDeclaration':
    case 'ExportNamedDeclaration':
    case 'ExportAllDeclaration': {
      const source = literal(node.source);
      if (source !== null) found(source, false);
      break;
    }
    case 'ImportExpression': {
      const source = literal(node.source);
      if (source !== null) found(source, true);
      break;
    }
    case 'CallExpression': {
      const callee = node.callee;
      const args = node.arguments as unknown[];
      const source = literal(args[0]);
      if (isNode(callee) && callee.type === 'Identifier' && callee.name === 'require' && source !== null)
        found(source, true);
      break;
    }
  }
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) for (const child of value) if (isNode(child)) visit(child, found);
    if (isNode(value)) visit(value, found);
  }
}

export function importsOf(file: string): BundleImport[] {
  const ast = parse(readFileSync(file, 'utf8'), { ecmaVersion: 'latest', sourceType: 'module' });
  const out: BundleImport[] = [];
  visit(ast as unknown as AstNode, (specifier, dynamic) => out.push({ file, specifier, dynamic }));
  return out;
}

/** Every .js file under a build folder (entries and chunks). */
export function bundleFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.js'))
    .map((e) => join(e.parentPath, e.name));
}

export const isRelative = (specifier: string): boolean => specifier.startsWith('./') || specifier.startsWith('../');

/** The package a bare specifier names: `@scope/name` or `name` (`file-type/core` → `file-type`). */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/**
 * The files and packages loaded when `entry` is imported, before any of its
 * code asks for more: its static imports, followed through the bundle's own files.
 */
export function staticClosure(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const walk = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    for (const i of importsOf(file)) {
      if (i.dynamic) continue;
      if (isRelative(i.specifier)) walk(resolve(dirname(file), i.specifier));
      else packages.add(i.specifier);
    }
  };
  walk(entry);
  return { files: [...files], packages: [...packages] };
}
