// Reading a result file: parsed and checked against its schema, or one clear error naming the
// file and the first thing wrong with it. Nothing reads JSON with a bare cast.
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { HarnessError } from '../errors.ts';

export function parseValidated<S extends z.ZodType>(text: string, schema: S, where: string, what: string): z.infer<S> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new HarnessError(`${where}: not ${what} (it does not parse as JSON)`);
  }
  const r = schema.safeParse(data);
  if (!r.success) {
    const issue = r.error.issues[0];
    const path = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    throw new HarnessError(`${where}: not ${what} (${path}: ${issue.message})`);
  }
  return r.data;
}

export function readValidated<S extends z.ZodType>(file: string, schema: S, what: string): z.infer<S> {
  return parseValidated(readFileSync(file, 'utf8'), schema, file, what);
}
