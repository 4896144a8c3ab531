// Copies model functions into a new patch module as the starting point of its overrides. A
// copy is the baseline itself, so the module behaves exactly as the unpatched model until
// someone ports the patch's change into it; its header comment says so, rather than a TODO
// pretending the override works. What the copy refers to in its model file (imports, exported
// helpers, types) is imported into the module through ts-morph's symbol resolution; private
// helpers are copied along when that cannot change behaviour (functions, types, literal constants),
// and any other private name is named in the comment instead of silently breaking.
import { dirname, relative, resolve, sep } from 'node:path';
import { Node, Project, SyntaxKind, ts, type SourceFile } from 'ts-morph';
import type { ModelFunction } from './model-index.ts';

export interface OverrideStub {
  name: string;
  /** The copied declaration, preceded by its header comment. */
  code: string;
  /** Names the copy uses that live privately in its model file and could not be copied. */
  privateReferences: string[];
}

export interface OverrideStubs {
  /** Private helpers of the model files (functions, literal constants) that the copies use. */
  helpers: OverrideStub[];
  stubs: OverrideStub[];
  /** import lines the stubs need, relative to the patch directory. */
  imports: string[];
}

interface ImportNeed {
  values: Set<string>;
  types: Set<string>;
}

/** A module specifier from `fromDir` to `target`, in the project's `./x.ts` style. */
export function specifierFrom(fromDir: string, target: string): string {
  const path = relative(fromDir, target).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

function isTopLevel(node: Node): boolean {
  const parent = node.getParent();
  if (Node.isSourceFile(parent)) return true;
  // const x = ...: VariableDeclaration -> VariableDeclarationList -> VariableStatement -> SourceFile
  if (Node.isVariableDeclaration(node)) return Node.isSourceFile(node.getVariableStatement()?.getParent());
  return false;
}

function isExportedDeclaration(node: Node): boolean {
  if (Node.isVariableDeclaration(node)) return node.getVariableStatement()?.isExported() ?? false;
  return Node.isExportable(node) && node.isExported();
}

function declarationNode(file: SourceFile, name: string): Node | undefined {
  const fn = file.getFunction(name);
  if (fn !== undefined) return fn;
  return file.getVariableStatement((s) => s.getDeclarations().some((d) => d.getName() === name));
}

function need(needs: Map<string, ImportNeed>, specifier: string): ImportNeed {
  let entry = needs.get(specifier);
  if (entry === undefined) {
    entry = { values: new Set(), types: new Set() };
    needs.set(specifier, entry);
  }
  return entry;
}

/** The copy's text: the declaration without `export`, so it is a local of the module. */
function declarationText(node: Node): string {
  return node.getText().replace(/^export\s+(?:default\s+)?/, '');
}

/**
 * A private top-level declaration that can be copied without changing behaviour: a function
 * (its own references are followed in turn), a type, or a const bound to a literal. Mutable or
 * stateful module state (let, a const Map) would be duplicated by a copy, so it is not.
 */
function copyableHelper(declaration: Node): Node | null {
  if (Node.isFunctionDeclaration(declaration) && declaration.hasBody()) return declaration;
  // Types have no runtime state; a structural copy is the same type.
  if (Node.isInterfaceDeclaration(declaration) || Node.isTypeAliasDeclaration(declaration)) return declaration;
  if (!Node.isVariableDeclaration(declaration)) return null;
  const statement = declaration.getVariableStatement();
  if (statement === undefined || statement.getDeclarationKind() !== 'const' || statement.getDeclarations().length !== 1) return null;
  const initializer = declaration.getInitializer();
  const literal =
    Node.isNumericLiteral(initializer) ||
    Node.isStringLiteral(initializer) ||
    Node.isNoSubstitutionTemplateLiteral(initializer) ||
    Node.isTrueLiteral(initializer) ||
    Node.isFalseLiteral(initializer) ||
    (Node.isPrefixUnaryExpression(initializer) && Node.isNumericLiteral(initializer.getOperand()));
  return literal ? statement : null;
}

interface CopyJob {
  node: Node;
  file: SourceFile;
  modelPath: string;
  name: string;
  /** The tagged model function this copy overrides; null for a private helper. */
  override: ModelFunction | null;
}

export function buildOverrideStubs(modelRoot: string, functions: readonly ModelFunction[], patchDir: string): OverrideStubs {
  const project = new Project({
    skipAddingFilesFromTsConfig: true,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      allowImportingTsExtensions: true,
      noEmit: true,
      strict: true,
    },
  });
  const needs = new Map<string, ImportNeed>();
  const jobs: CopyJob[] = [];
  for (const fn of functions) {
    const modelPath = resolve(modelRoot, fn.modelFile);
    const file = project.getSourceFile(modelPath) ?? project.addSourceFileAtPath(modelPath);
    const node = declarationNode(file, fn.name);
    if (node !== undefined) jobs.push({ node, file, modelPath, name: fn.name, override: fn });
  }
  // Every name the module will define itself; a copy referring to one needs no import.
  const copiedNames = new Set(jobs.map((j) => j.name));
  const stubs: OverrideStub[] = [];
  const helpers: OverrideStub[] = [];

  for (let next = 0; next < jobs.length; next++) {
    const job = jobs[next];
    if (job === undefined) continue;
    const { node, file, modelPath } = job;
    const privateReferences = new Set<string>();
    for (const identifier of node.getDescendantsOfKind(SyntaxKind.Identifier)) {
      const name = identifier.getText();
      for (const declaration of identifier.getSymbol()?.getDeclarations() ?? []) {
        if (declaration.getSourceFile() !== file) continue; // a global, or a property of an imported type
        if (declaration === node || node.containsRange(declaration.getPos(), declaration.getEnd())) continue;
        // A name that is copied too refers to the module's own copy, not to an import.
        if (copiedNames.has(name)) continue;
        if (Node.isImportSpecifier(declaration) || Node.isImportClause(declaration) || Node.isNamespaceImport(declaration)) {
          const importDeclaration = declaration.getFirstAncestorByKindOrThrow(SyntaxKind.ImportDeclaration);
          const original = importDeclaration.getModuleSpecifierValue();
          const specifier = original.startsWith('.') ? specifierFrom(patchDir, resolve(dirname(modelPath), original)) : original;
          const typeOnly = importDeclaration.isTypeOnly() || (Node.isImportSpecifier(declaration) && declaration.isTypeOnly());
          const text = Node.isNamespaceImport(declaration) ? `* as ${declaration.getName()}` : Node.isImportClause(declaration) ? `default as ${name}` : declaration.getText().replace(/^type\s+/, '');
          need(needs, specifier)[typeOnly ? 'types' : 'values'].add(text);
        } else if (isTopLevel(declaration)) {
          if (isExportedDeclaration(declaration)) {
            const isType = Node.isInterfaceDeclaration(declaration) || Node.isTypeAliasDeclaration(declaration);
            need(needs, specifierFrom(patchDir, modelPath))[isType ? 'types' : 'values'].add(name);
            continue;
          }
          const helper = copyableHelper(declaration);
          if (helper === null) {
            privateReferences.add(name);
            continue;
          }
          copiedNames.add(name);
          jobs.push({ node: helper, file, modelPath, name, override: null });
        }
      }
    }
    const modelFile = relative(modelRoot, modelPath).split(sep).join('/');
    const unresolved = [...privateReferences].sort();
    const header = [
      job.override === null
        ? `// ${job.name}: a private helper of ${modelFile}, copied because the copies here use it.`
        : `// ${job.name}: copied from the model at scaffold time (${modelFile}:${job.override.line}, @port ${job.override.cFile} ${job.override.version} ${job.override.fidelity});\n` +
          "// edit to port the patch's change. Until then it behaves exactly as the baseline.",
      ...(unresolved.length > 0 ? [`// It uses names private to ${modelFile} (${unresolved.join(', ')}): export them there or port them here.`] : []),
    ];
    (job.override === null ? helpers : stubs).push({ name: job.name, code: `${header.join('\n')}\n${declarationText(node)}`, privateReferences: unresolved });
  }

  const imports = [...needs.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([specifier, { values, types }]) => {
      const valueNames = [...values].sort();
      const typeNames = [...types].filter((t) => !values.has(t)).sort();
      const namespaceOrDefault = valueNames.filter((v) => v.startsWith('* as ') || v.startsWith('default as '));
      const named = valueNames.filter((v) => !namespaceOrDefault.includes(v));
      const lines = namespaceOrDefault.map((v) => (v.startsWith('* as ') ? `import ${v} from '${specifier}';` : `import { ${v} } from '${specifier}';`));
      if (named.length > 0 || typeNames.length > 0) {
        const parts = [...named, ...typeNames.map((t) => `type ${t}`)];
        lines.push(named.length === 0 ? `import type { ${typeNames.join(', ')} } from '${specifier}';` : `import { ${parts.join(', ')} } from '${specifier}';`);
      }
      return lines;
    });
  return { helpers, stubs, imports };
}
