// Touched functions of a patch whose newlines were lost (see run-on-recovery.ts). Two things
// survive there: the hunk headers' function text, and definitions that a '+' or '-' line
// starts, since a diff line marker glued to a type ("-static void punt_bios_to_rescuer(...)")
// cannot be an operator inside a line. Whether the header's function itself changed cannot be
// told, so those carry the 'hunk-header' evidence and nothing stronger.
import { isTypePrefix, paramsLookDeclared, readHunkHeader, splitSignature } from './c-definitions.ts';
import { headerFunctionName, type DefinitionSite, type ModelFunctionName } from './header-names.ts';
import { TouchLedger } from './touch-ledger.ts';
import type { FileDiff, NameResolution, TouchedFunction, TouchedStruct } from './types.ts';

/** A marker glued to the start of a word: where a '+'/'-' diff line began. */
const LINE_MARKER = /(?:^|\s)([+-])(?=[A-Za-z_#])/g;

interface RunOnDefinition {
  name: string;
  side: 'old' | 'new';
  kind: 'function' | 'macro';
  text: string;
}

/** Definitions that '+'/'-' lines start inside a run-on hunk body. */
export function runOnDefinitions(body: string): RunOnDefinition[] {
  const found: RunOnDefinition[] = [];
  for (const marker of body.matchAll(LINE_MARKER)) {
    const side = marker[1] === '+' ? 'new' : 'old';
    const start = marker.index + marker[0].length;
    const text = body.slice(start, start + 400);
    const define = /^#\s*define\s+([A-Za-z_]\w*)\(/.exec(text);
    if (define !== null) {
      found.push({ name: define[1] ?? '', side, kind: 'macro', text });
      continue;
    }
    const signature = splitSignature(text);
    if (signature === null || signature.prefix === '' || signature.prefix.startsWith('extern')) continue;
    if (!isTypePrefix(signature.prefix) || !paramsLookDeclared(signature.params)) continue;
    // A body brace, or the next line's marker, after the parameters: not a prototype's ';'.
    if (!/^(?:\{|[+-]\s*\{|[+-])/.test(signature.rest)) continue;
    found.push({ name: signature.name, side, kind: 'function', text });
  }
  return found;
}

/**
 * Old-side witnesses for completing a cut header name: other places where the header's
 * text appears in the patch, followed by the rest of the identifier.
 */
function headerTextWitnesses(text: string, headerText: string, partial: string): DefinitionSite[] {
  const sites: DefinitionSite[] = [];
  const head = headerText.trim();
  let from = 0;
  for (;;) {
    const at = text.indexOf(head, from);
    if (at < 0) break;
    from = at + 1;
    const identifier = /^\w*/.exec(text.slice(at + head.length))?.[0] ?? '';
    if (identifier === '' || !text.slice(at + head.length + identifier.length).trimStart().startsWith('(')) continue;
    sites.push({ name: partial + identifier, text: head + identifier, side: 'both', oldLine: null });
  }
  return sites;
}

export function runOnTouched(
  files: readonly FileDiff[],
  model: readonly ModelFunctionName[],
): { functions: TouchedFunction[]; structs: TouchedStruct[]; nameResolutions: NameResolution[] } {
  const ledger = new TouchLedger();
  const nameResolutions: NameResolution[] = [];
  for (const file of files) {
    const bodies = file.hunks.map((h) => h.runOnBody ?? '').join(' ');
    const definitions = file.hunks.flatMap((h) => runOnDefinitions(h.runOnBody ?? ''));
    file.hunks.forEach((hunk, index) => {
      const hunkNumber = index + 1;
      const meaning = readHunkHeader(hunk.headerText);
      if (meaning.kind === 'struct') ledger.touchStruct(file.path, meaning.name, hunkNumber);
      if (meaning.kind === 'function') {
        const witnesses = [
          ...headerTextWitnesses(bodies, hunk.headerText, meaning.name),
          ...definitions.map((d) => ({ name: d.name, text: d.text, side: d.side, oldLine: null })),
        ];
        const { name, resolution } = headerFunctionName(file.path, hunk, hunkNumber, meaning, witnesses, model);
        if (resolution !== null) nameResolutions.push(resolution);
        if (name !== null) ledger.touchFunction(file.path, name, 'function', 'hunk-header', hunkNumber);
      }
      for (const definition of runOnDefinitions(hunk.runOnBody ?? '')) {
        const evidence = definition.side === 'new' ? 'added-definition' : 'removed-definition';
        ledger.touchFunction(file.path, definition.name, definition.kind, evidence, hunkNumber);
      }
    });
  }
  return { ...ledger.result(), nameResolutions };
}
