import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { patchPage } from '../../reports/html/page.ts';
import { chromiumAvailable, visit } from '../helpers/browser.ts';
import { hostileResult } from '../helpers/results.ts';

describe('the HTML report in a real browser', () => {
  it('needs Debian chromium (installed by .ci/run)', () => {
    expect(chromiumAvailable()).toBe(true);
  });

  it('renders, loads nothing, logs no error, and runs none of a hostile mail\'s markup', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lkml-report-'));
    const file = join(dir, 'index.html');
    writeFileSync(file, patchPage(hostileResult()).html);
    const v = await visit(file);
    expect(v.requests).toEqual([]);
    expect(v.consoleErrors).toEqual([]);
    expect(v.pageErrors).toEqual([]);
    expect(v.pwned).toBeUndefined();
    expect(v.title).toContain('<script>');
    expect(v.text).toContain('PARTLY FIXED');
    expect(v.text).toContain('window.__pwned = 1');
    // The timeline and the lock-cycle graph.
    expect(v.svgCount).toBeGreaterThanOrEqual(2);
  });
});
