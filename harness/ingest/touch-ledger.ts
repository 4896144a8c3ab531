// The running list of what a diff touches, kept per (file, name) in first-seen order. Whether
// a function is added, removed or modified is only known at the end: a '+' definition makes it
// added unless a '-' definition or a context definition shows it existed before.
import type { DefinitionKind, TouchEvidence, TouchedFunction, TouchedStruct } from './types.ts';

interface FunctionRecord {
  fn: TouchedFunction;
  addedDefinition: boolean;
  removedDefinition: boolean;
}

/** Collects touched functions and structs in first-seen order. */
export class TouchLedger {
  private readonly functions = new Map<string, FunctionRecord>();
  private readonly structs = new Map<string, TouchedStruct>();
  /** Functions whose definition a hunk shows as context: they exist on both sides. */
  private readonly contextDefinitions = new Set<string>();

  touchFunction(file: string, name: string, kind: DefinitionKind, evidence: TouchEvidence, hunk: number): void {
    const key = `${file}\0${name}`;
    let record = this.functions.get(key);
    if (record === undefined) {
      record = {
        fn: { file, name, kind, change: 'modified', evidence: [], hunks: [] },
        addedDefinition: false,
        removedDefinition: false,
      };
      this.functions.set(key, record);
    }
    if (!record.fn.evidence.includes(evidence)) record.fn.evidence.push(evidence);
    if (!record.fn.hunks.includes(hunk)) record.fn.hunks.push(hunk);
    if (evidence === 'added-definition') record.addedDefinition = true;
    if (evidence === 'removed-definition') record.removedDefinition = true;
  }

  sawContextDefinition(file: string, name: string): void {
    this.contextDefinitions.add(`${file}\0${name}`);
  }

  touchStruct(file: string, name: string, hunk: number): void {
    const key = `${file}\0${name}`;
    const record = this.structs.get(key) ?? { file, name, hunks: [] };
    if (!record.hunks.includes(hunk)) record.hunks.push(hunk);
    this.structs.set(key, record);
  }

  result(): { functions: TouchedFunction[]; structs: TouchedStruct[] } {
    const functions = [...this.functions.entries()].map(([key, record]) => {
      const onBothSides = this.contextDefinitions.has(key);
      let change: TouchedFunction['change'] = 'modified';
      if (record.addedDefinition && !record.removedDefinition && !onBothSides) change = 'added';
      else if (record.removedDefinition && !record.addedDefinition && !onBothSides) change = 'removed';
      return { ...record.fn, change };
    });
    return { functions, structs: [...this.structs.values()] };
  }
}
