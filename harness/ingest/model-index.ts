// The index of what the kernel model ports, read with ts-morph from the `@port` tags
// (docs/CONVENTIONS.md): every tagged function with its kernel name, C file, kernel version and
// fidelity. Only syntax is read; nothing in the model is imported or run, so the index works
// while the model is half-written and never pays for loading it.
import { existsSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Node, Project, type JSDocableNode, type SourceFile } from 'ts-morph';

export const FIDELITIES = ['translated', 'ported', 'simplified', 'model'] as const;
export type Fidelity = (typeof FIDELITIES)[number];

export interface ModelFunction {
  /** The kernel name, which the port keeps. */
  name: string;
  /** The C file the tag names: authoritative for which kernel function this is. */
  cFile: string;
  version: string;
  fidelity: Fidelity;
  note: string | null;
  /** The model file, relative to the model root, with '/' separators. */
  modelFile: string;
  line: number;
  generator: boolean;
  exported: boolean;
}

export interface ModelIndexProblem {
  modelFile: string;
  line: number;
  detail: string;
}

export interface ModelIndex {
  root: string;
  functions: ModelFunction[];
  problems: ModelIndexProblem[];
}

interface PortTag {
  cFile: string;
  version: string;
  fidelity: Fidelity;
  note: string | null;
}

/** Parses "block/blk-throttle.c v3.2 ported - note"; returns a problem text when malformed. */
export function parsePortTag(text: string): PortTag | string {
  const match = /^(\S+)\s+(\S+)\s+(\S+)(?:\s+(?:-\s*)?(.*))?$/s.exec(text.trim().replace(/\s+/g, ' '));
  if (match === null) return `@port needs "<C file> <version> <fidelity>", got "${text.trim()}"`;
  const fidelity = match[3] ?? '';
  if (!(FIDELITIES as readonly string[]).includes(fidelity)) {
    return `@port fidelity must be one of ${FIDELITIES.join(', ')}, got "${fidelity}"`;
  }
  const note = (match[4] ?? '').trim();
  return { cFile: match[1] ?? '', version: match[2] ?? '', fidelity: fidelity as Fidelity, note: note === '' ? null : note };
}

function portTagTexts(node: JSDocableNode): string[] {
  return node
    .getJsDocs()
    .flatMap((doc) => doc.getTags())
    .filter((tag) => tag.getTagName() === 'port')
    .map((tag) => tag.getCommentText() ?? '');
}

function indexSourceFile(file: SourceFile, root: string, index: ModelIndex): void {
  const modelFile = relative(root, file.getFilePath()).split(sep).join('/');
  const add = (name: string | undefined, tagged: JSDocableNode, generator: boolean, exported: boolean, line: number): void => {
    for (const text of portTagTexts(tagged)) {
      const tag = parsePortTag(text);
      if (typeof tag === 'string') index.problems.push({ modelFile, line, detail: tag });
      else if (name === undefined) index.problems.push({ modelFile, line, detail: '@port on a function without a name' });
      else index.functions.push({ name, ...tag, modelFile, line, generator, exported });
    }
  };
  for (const fn of file.getFunctions()) {
    // Overload signatures share the implementation's tag; index the implementation only.
    if (!fn.hasBody()) continue;
    add(fn.getName(), fn, fn.isGenerator(), fn.isExported(), fn.getStartLineNumber());
  }
  // `export const name = function* (...) {...}` carries its tag on the variable statement.
  for (const statement of file.getVariableStatements()) {
    for (const declaration of statement.getDeclarations()) {
      const initializer = declaration.getInitializer();
      if (!Node.isFunctionExpression(initializer) && !Node.isArrowFunction(initializer)) continue;
      const generator = Node.isFunctionExpression(initializer) && initializer.isGenerator();
      add(declaration.getName(), statement, generator, statement.isExported(), statement.getStartLineNumber());
    }
  }
}

/** Indexes every tagged function under `root` (a kernel-model directory). */
export function indexModel(root: string): ModelIndex {
  const index: ModelIndex = { root, functions: [], problems: [] };
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    index.problems.push({ modelFile: root, line: 0, detail: 'model directory not found' });
    return index;
  }
  const project = new Project({ skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true });
  project.addSourceFilesAtPaths([join(root, '**/*.ts'), `!${join(root, '**/*.d.ts')}`, `!${join(root, '**/node_modules/**')}`]);
  for (const file of project.getSourceFiles()) indexSourceFile(file, root, index);
  index.functions.sort((a, b) => a.modelFile.localeCompare(b.modelFile) || a.line - b.line);
  return index;
}
