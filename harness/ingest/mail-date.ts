// Reads the dates that mails and archive pages print into one UTC form. RFC 5322 dates
// ("Tue, 27 May 2014 11:03:36 -0400 (EDT)") and hypermail's page dates ("Thu Dec 15 2011 -
// 14:47:19 EST") both occur. A date without a zone is read as UTC, never as this machine's
// local time, so the same mail gives the same date on every machine.

/** Zone names that archives print instead of a numeric offset. */
const ZONE_OFFSETS: Record<string, string> = {
  UT: '+0000', UTC: '+0000', GMT: '+0000', Z: '+0000',
  EST: '-0500', EDT: '-0400', CST: '-0600', CDT: '-0500',
  MST: '-0700', MDT: '-0600', PST: '-0800', PDT: '-0700',
  WET: '+0000', WEST: '+0100', CET: '+0100', CEST: '+0200', MET: '+0100', MEST: '+0200',
  EET: '+0200', EEST: '+0300', MSK: '+0300', IST: '+0530', JST: '+0900', KST: '+0900',
  AEST: '+1000', AEDT: '+1100',
};

/** ISO 8601 in UTC without milliseconds, e.g. "2011-12-15T19:47:19Z"; null if unreadable. */
export function parseMailDate(raw: string): string | null {
  let text = raw
    .replace(/\([^)]*\)/g, ' ') // RFC 5322 comments such as "(EDT)"
    .replace(/(\d{4})\s+-\s+(\d{1,2}:\d{2})/, '$1 $2') // hypermail's "2011 - 14:47:19"
    .replace(/\s+/g, ' ')
    .trim();
  // V8's date parser accepts nearly anything; a mail date has at least a year and a time.
  if (!/\b\d{4}\b/.test(text) || !/\d{1,2}:\d{2}/.test(text)) return null;
  const numericZone = /[+-]\d{4}\b/.exec(text);
  if (numericZone === null) {
    const namedZone = /\b([A-Z]{1,5})$/.exec(text);
    const offset = namedZone === null ? undefined : ZONE_OFFSETS[namedZone[1] ?? ''];
    if (namedZone !== null && offset !== undefined) text = `${text.slice(0, namedZone.index).trim()} ${offset}`;
    else text = `${text} +0000`;
  } else {
    // Drop a zone name printed after the offset ("+0100 CET"), which the parser rejects.
    text = text.slice(0, numericZone.index + numericZone[0].length);
  }
  const millis = Date.parse(text);
  if (Number.isNaN(millis)) return null;
  return new Date(millis).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The date for a record: ISO when readable, else the raw text as given, null when absent. */
export function normalizeMailDate(raw: string | null): string | null {
  if (raw === null || raw.trim() === '') return null;
  return parseMailDate(raw) ?? raw.trim();
}
