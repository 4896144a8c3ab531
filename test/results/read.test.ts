// Result files are validated when read: a file of the wrong shape is one clear error naming
// the file and the first field that is wrong, never a cast.
import { describe, expect, it } from 'vitest';
import { HarnessError } from '../../harness/errors.ts';
import { EvaluationResultSchema } from '../../harness/results/evaluation.ts';
import { parseValidated } from '../../harness/results/read.ts';
import { hostileResult } from '../helpers/results.ts';

describe('reading results.json', () => {
  it('accepts what evaluate writes', () => {
    const r = hostileResult();
    expect(parseValidated(JSON.stringify(r), EvaluationResultSchema, 'r.json', 'a results.json')).toEqual(r);
  });
  it('names the field that is wrong', () => {
    const r = { ...hostileResult(), findings: [{ ...hostileResult().findings[0], verdict: 'sort of fixed' }] };
    expect(() => parseValidated(JSON.stringify(r), EvaluationResultSchema, 'r.json', 'a results.json')).toThrow(/r\.json: not a results\.json \(findings\.0\.verdict: /);
  });
  it('refuses text that is not JSON', () => {
    expect(() => parseValidated('{', EvaluationResultSchema, 'r.json', 'a results.json')).toThrow(HarnessError);
  });
});
