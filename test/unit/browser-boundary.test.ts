import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import {builtinModules} from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import {describe, expect, it} from 'vitest';

// The browser boundary as a rule: what src/ runs in the browser may import
// plugin code (the guide model, the compose rules, the matcher), but nothing
// it reaches may import a Node module. TypeScript's own parser lists each
// file's imports; type-only imports are left out (they are erased).
const siteDir = path.resolve(import.meta.dirname, '../..');
const nodeModules = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);

function resolve(from: string, specifier: string): string | undefined {
  const base = specifier.startsWith('@site/') ? path.join(siteDir, specifier.slice(6)) : specifier.startsWith('.') ? path.resolve(path.dirname(from), specifier) : undefined;
  if (!base) return undefined;
  const candidates = [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile() && /\.tsx?$/.test(candidate));
}

/** The modules a file imports at run time: import and export declarations that are not type-only, and import() calls. */
function runtimeImports(file: string, text = readFileSync(file, 'utf8')): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        clause &&
        (clause.isTypeOnly ||
          (!clause.name &&
            clause.namedBindings &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((element) => element.isTypeOnly)));
      if (!typeOnly) found.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) && !node.isTypeOnly) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every repository file the browser code reaches, with the Node modules each imports. */
function reach(entries: string[]): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    const imports = runtimeImports(file);
    seen.set(
      file,
      imports.filter((name) => nodeModules.has(name)),
    );
    for (const name of imports) {
      const next = resolve(file, name);
      if (next) queue.push(next);
    }
  }
  return seen;
}

const browserEntries = readdirSync(path.join(siteDir, 'src'), {recursive: true, encoding: 'utf8'})
  .filter((name) => /\.tsx?$/.test(name))
  .map((name) => path.join(siteDir, 'src', name));

describe('the browser boundary', () => {
  const reached = reach(browserEntries);

  it('reaches the shared plugin code the browser runs', () => {
    const plugins = [...reached.keys()].map((file) => path.relative(siteDir, file)).filter((file) => file.startsWith('plugins/'));
    expect(plugins).toContain('plugins/guide-model/placeholder-rules.ts');
    expect(plugins).toContain('plugins/validators/compose/rules.ts');
  });

  it('imports no Node module from any file the browser code reaches', () => {
    const offenders = [...reached].filter(([, modules]) => modules.length > 0).map(([file, modules]) => `${path.relative(siteDir, file)} imports ${modules.join(', ')}`);
    expect(offenders).toEqual([]);
  });

  it('would catch a Node import (the check can fail)', () => {
    expect(runtimeImports('probe.ts', "import {readFileSync} from 'node:fs';\nimport type {Stats} from 'node:fs';\nexport const x = 1;")).toEqual(['node:fs']);
    expect(runtimeImports('probe.ts', "import type {Stats} from 'node:fs';")).toEqual([]);
  });
});
