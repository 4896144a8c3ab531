// Reads patch modules (patches/<slug>/patch.ts) without running them: ts-morph finds the
// object passed to `export default definePatch({...})` and reads its identity fields and the
// keys of `overrides` and `notOverridden`. Running a module would load the whole model and any
// mistake in it; a static read works on a half-written module and tells what is wrong with it.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Node, Project, type Expression, type ObjectLiteralExpression, type SourceFile } from 'ts-morph';

export interface PatchModuleInfo {
  slug: string;
  dir: string;
  file: string;
  messageId: string | null;
  subject: string | null;
  /** `touches`: C file -> function names, when the module states it. */
  touches: Record<string, string[]> | null;
  /** Functions the module replaces (and, for a ported module, the ones it adds). */
  overrides: string[];
  notOverridden: Record<string, string>;
  /** Untouched functions a ported module overrides because what they call now sleeps. */
  recompiled: Record<string, string>;
  /** What could not be read statically (a spread, a computed key, no default export). */
  problems: string[];
}

function propertyName(node: Node): string | null {
  if (Node.isPropertyAssignment(node) || Node.isShorthandPropertyAssignment(node) || Node.isMethodDeclaration(node)) {
    const nameNode = node.getNameNode();
    if (Node.isStringLiteral(nameNode) || Node.isNoSubstitutionTemplateLiteral(nameNode)) return nameNode.getLiteralValue();
    if (Node.isIdentifier(nameNode) || Node.isPrivateIdentifier(nameNode)) return nameNode.getText();
    if (Node.isNumericLiteral(nameNode)) return nameNode.getText();
  }
  return null;
}

function stringValue(expression: Expression | undefined): string | null {
  if (expression === undefined) return null;
  if (Node.isStringLiteral(expression) || Node.isNoSubstitutionTemplateLiteral(expression)) return expression.getLiteralValue();
  return null;
}

/** Follows `const patch = definePatch({...}); export default patch;` to the object literal. */
function definitionObject(file: SourceFile): ObjectLiteralExpression | null {
  const assignment = file.getExportAssignment((a) => !a.isExportEquals());
  let expression: Node | undefined = assignment?.getExpression();
  for (let hops = 0; expression !== undefined && hops < 4; hops++) {
    if (Node.isParenthesizedExpression(expression) || Node.isAsExpression(expression) || Node.isSatisfiesExpression(expression)) {
      expression = expression.getExpression();
    } else if (Node.isObjectLiteralExpression(expression)) {
      return expression;
    } else if (Node.isCallExpression(expression)) {
      expression = expression.getArguments()[0];
    } else if (Node.isIdentifier(expression)) {
      const declaration = file.getVariableDeclaration(expression.getText());
      expression = declaration?.getInitializer();
    } else {
      return null;
    }
  }
  return null;
}

/** Keys of an object literal property such as `overrides: { a, b: ..., *c() {} }`. */
function objectKeys(object: ObjectLiteralExpression | null, what: string, problems: string[]): { key: string; value: Expression | undefined }[] {
  if (object === null) return [];
  const keys: { key: string; value: Expression | undefined }[] = [];
  for (const property of object.getProperties()) {
    const key = propertyName(property);
    if (key === null) {
      problems.push(`${what}: ${property.getKindName()} at line ${property.getStartLineNumber()} cannot be read statically`);
      continue;
    }
    keys.push({ key, value: Node.isPropertyAssignment(property) ? property.getInitializer() : undefined });
  }
  return keys;
}

function objectProperty(definition: ObjectLiteralExpression, name: string): Node | undefined {
  const property = definition.getProperties().find((p) => propertyName(p) === name);
  return Node.isPropertyAssignment(property) ? property.getInitializer() : property;
}

/**
 * An object a module imports by name (`overrides` from './patched.ts', as `port` writes it): the
 * object literal of that module's `export const <name> = {...}`.
 */
function importedObject(node: Node, name: string): ObjectLiteralExpression | null {
  const file = node.getSourceFile();
  const decl = file.getImportDeclarations().find((d) => d.getNamedImports().some((n) => (n.getAliasNode() ?? n.getNameNode()).getText() === name));
  const target = decl?.getModuleSpecifierSourceFile() ?? (decl === undefined ? undefined : file.getProject().addSourceFileAtPathIfExists(join(file.getDirectoryPath(), decl.getModuleSpecifierValue())));
  const init = target?.getVariableDeclaration(name)?.getInitializer();
  return init !== undefined && Node.isObjectLiteralExpression(init) ? init : null;
}

function asObject(node: Node | undefined, what: string, problems: string[]): ObjectLiteralExpression | null {
  if (node === undefined) return null;
  if (Node.isObjectLiteralExpression(node)) return node;
  if (Node.isShorthandPropertyAssignment(node) || Node.isIdentifier(node)) {
    const imported = importedObject(node, node.getText());
    if (imported !== null) return imported;
  }
  problems.push(`${what} is not an object literal, so its keys cannot be read statically`);
  return null;
}

export function readPatchModuleFile(project: Project, file: string, slug: string, dir: string): PatchModuleInfo {
  const source = project.addSourceFileAtPath(file);
  const problems: string[] = [];
  const info: PatchModuleInfo = { slug, dir, file, messageId: null, subject: null, touches: null, overrides: [], notOverridden: {}, recompiled: {}, problems };
  const definition = definitionObject(source);
  if (definition === null) {
    problems.push('no `export default definePatch({...})` with an object literal');
    return info;
  }
  const messageId = objectProperty(definition, 'messageId');
  info.messageId = Node.isExpression(messageId) ? stringValue(messageId) : null;
  const subject = objectProperty(definition, 'subject');
  info.subject = Node.isExpression(subject) ? stringValue(subject) : null;

  info.overrides = objectKeys(asObject(objectProperty(definition, 'overrides'), 'overrides', problems), 'overrides', problems).map((k) => k.key);
  // A ported module's added functions handle the touched names they define.
  const adds = objectProperty(definition, 'adds');
  if (adds !== undefined && Node.isArrayLiteralExpression(adds)) info.overrides.push(...adds.getElements().flatMap((e) => stringValue(e) ?? []));
  for (const { key, value } of objectKeys(asObject(objectProperty(definition, 'recompiled'), 'recompiled', problems), 'recompiled', problems)) {
    info.recompiled[key] = stringValue(value) ?? '(reason not a string literal)';
  }
  for (const { key, value } of objectKeys(asObject(objectProperty(definition, 'notOverridden'), 'notOverridden', problems), 'notOverridden', problems)) {
    info.notOverridden[key] = stringValue(value) ?? '(reason not a string literal)';
  }
  const touches = asObject(objectProperty(definition, 'touches'), 'touches', problems);
  if (touches !== null) {
    info.touches = {};
    for (const { key, value } of objectKeys(touches, 'touches', problems)) {
      info.touches[key] = Node.isArrayLiteralExpression(value) ? value.getElements().flatMap((e) => stringValue(e) ?? []) : [];
    }
  }
  return info;
}

/** Every patches/<slug>/patch.ts under `patchesDir`, read statically. */
export function listPatchModules(patchesDir: string): PatchModuleInfo[] {
  if (!existsSync(patchesDir)) return [];
  const project = new Project({ skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true });
  const modules: PatchModuleInfo[] = [];
  for (const entry of readdirSync(patchesDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const dir = join(patchesDir, entry.name);
    const file = join(dir, 'patch.ts');
    if (existsSync(file)) modules.push(readPatchModuleFile(project, file, entry.name, dir));
  }
  return modules.sort((a, b) => a.slug.localeCompare(b.slug));
}
