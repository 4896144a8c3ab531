import { describe, expect, it } from 'vitest';
import { replyEml } from '../../reports/email.ts';
import { escapeHtml, html } from '../../reports/html/escape.ts';
import { patchPage } from '../../reports/html/page.ts';
import { WIDTH, reportText } from '../../reports/text.ts';
import { HOSTILE, hostileResult } from '../helpers/results.ts';

describe('HTML escaping by construction', () => {
  it('escapes interpolated strings and keeps nested templates', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p title="${'"x"'}">${inner}${['<a>', 1]}</p>`.html).toBe('<p title="&quot;x&quot;"><b>&lt;i&gt;</b>&lt;a&gt;1</p>');
    expect(escapeHtml(`'\`&`)).toBe('&#39;&#96;&amp;');
  });

  it('puts nothing from the mail into the page unescaped', () => {
    const page = patchPage(hostileResult()).html;
    expect(page).not.toContain(HOSTILE);
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/<img/i);
    expect(page).not.toMatch(/<[^>]*\sonerror=/i);
    expect(page).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;');
    expect(page).toContain("Content-Security-Policy");
  });
});

describe('plain-text review', () => {
  const text = reportText(hostileResult(), 'out/x/results.json');
  it('keeps every line within 72 columns', () => {
    const long = text.split('\n').filter((l) => l.length > WIDTH);
    expect(long).toEqual([]);
  });
  it('names the stress suites and the generated programs it ran apart', () => {
    const r = hostileResult();
    r.suites.push({ ...r.suites[0], name: 'gen-v3.2-07', generated: true });
    const said = reportText(r, 'out/x/results.json').replace(/\s+/g, ' ');
    expect(said).toContain('ran 1 stress suite (lock-demo) and 1 generated program (gen-v3.2-07):');
    expect(text.replace(/\s+/g, ' ')).toContain('ran 1 stress suite (lock-demo):');
  });

  it('says which pairs a FIXED verdict rests on when patched runs ended earlier on other reports', () => {
    const r = hostileResult();
    const f = r.findings[0];
    const only = (eligibleRuns: number) => ({
      ...f,
      verdict: 'fixed' as const,
      bySuite: [{ ...f.bySuite[0], baseline: { hits: 8, runs: 100 }, patched: { hits: 0, runs: 100 }, eligible: { runs: eligibleRuns, baselineHits: 8, patchedHits: 0 } }],
    });
    const said = (eligibleRuns: number) => reportText({ ...r, findings: [only(eligibleRuns)] }, 'out/x/results.json').replace(/\s+/g, ' ');
    expect(said(70)).toContain('judged over the 70 pairs whose patched run got to its end (30 end earlier on other reports): 8 -> 0');
    expect(said(100)).not.toContain('judged over');
  });

  it('states the results first, then how to reproduce, then the link placeholder', () => {
    const results = text.indexOf('What the patch was posted to fix');
    const how = text.indexOf('How to reproduce');
    const link = text.indexOf('<URL of the hosted HTML report>');
    expect(results).toBeGreaterThan(0);
    expect(how).toBeGreaterThan(results);
    expect(link).toBeGreaterThan(how);
    expect(text).toContain('PARTLY FIXED');
  });
});

describe('reply.eml', () => {
  const eml = replyEml(hostileResult(), 'body\n');
  const [head] = eml.split('\n\n');
  it('cannot be given extra headers through the subject or recipients', () => {
    const names = head.split('\n').filter((l) => !l.startsWith(' ')).map((l) => l.split(':')[0]);
    expect(names).toEqual(['From', 'To', 'Cc', 'Subject', 'In-Reply-To', 'References', 'MIME-Version', 'Content-Type', 'Content-Transfer-Encoding']);
    expect(head).not.toMatch(/^Bcc:/m);
    expect(head).not.toMatch(/^X-Injected:/m);
  });
  it('replies in the thread: Re: subject, In-Reply-To and References from the patch mail', () => {
    expect(head).toMatch(/^Subject: Re: \[PATCH\] block: fix /m);
    expect(head).toMatch(/^In-Reply-To: <[^<>\s]+>$/m);
    expect(head).toMatch(/^To: Mallory .* <mallory@example\.com>$/m);
    expect(head).toContain('Content-Type: text/plain; charset=utf-8');
  });
});
