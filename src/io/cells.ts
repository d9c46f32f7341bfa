/** Cell-level readers shared by the events and clusters validators. Each returns a value or a problem. */

import type { Confidence, ProblemDetail } from '../model/types';

export type CellResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: ProblemDetail };

/** Splits a `;`-list, trimming items and dropping empty ones. */
export function splitList(cell: string): string[] {
  if (cell === '') return [];
  const items: string[] = [];
  let from = 0;
  for (;;) {
    const end = cell.indexOf(';', from);
    const item = (end < 0 ? cell.slice(from) : cell.slice(from, end)).trim();
    if (item !== '') items.push(item);
    if (end < 0) return items;
    from = end + 1;
  }
}

const CONFIDENCES: readonly Confidence[] = ['high', 'moderate', 'low'];

const NO_CONFIDENCE: CellResult<Confidence | null> = { ok: true, value: null };
const CONFIDENCE_RESULTS = new Map<string, CellResult<Confidence | null>>(CONFIDENCES.map((value) => [value, { ok: true, value }]));

export function readConfidence(cell: string): CellResult<Confidence | null> {
  const value = cell.trim().toLowerCase();
  if (value === '') return NO_CONFIDENCE;
  const known = CONFIDENCE_RESULTS.get(value);
  if (known) return known;
  if (value === 'medium') return { ok: true, value: 'moderate' };
  return { ok: false, problem: { code: 'confidenceInvalid', params: { value: shorten(cell.trim()) } } };
}

/** true/yes/1 or false/no/0/empty; null for anything else. */
export function readBoolean(cell: string): boolean | null {
  switch (cell.trim().toLowerCase()) {
    case '':
    case 'false':
    case 'no':
    case '0':
      return false;
    case 'true':
    case 'yes':
    case '1':
      return true;
    default:
      return null;
  }
}

/** Accepts only absolute http: and https: URLs, so a cell can never become a script or data link. */
export function readHttpUrl(cell: string): CellResult<string | null> {
  const value = cell.trim();
  if (value === '') return { ok: true, value: null };
  // Most cells are already written as the URL parser would write them: those skip the parser.
  if (isCanonicalHttpUrl(value)) return { ok: true, value };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, problem: { code: 'urlNotFull', params: { value: shorten(value) } } };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, problem: { code: 'urlScheme', params: { scheme: shorten(url.protocol) } } };
  }
  return { ok: true, value: url.href };
}

/**
 * An http(s) URL that `new URL(value).href` gives back unchanged: a lower-case scheme and host
 * name (letter-led last label, so never read as an IPv4 address; no `xn--` labels, no port, no
 * user), a path of characters the parser leaves alone with no `.` or `..` segments, and the same
 * characters in the query and fragment. Anything else goes through the URL parser.
 */
const CANONICAL_HTTP_URL =
  /^https?:\/\/(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z](?:[a-z0-9-]*[a-z0-9])?\/[A-Za-z0-9\-._~!$&()*+,;=:@/]*(?:\?[A-Za-z0-9\-._~!$&()*+,;=:@/?]*)?(?:#[A-Za-z0-9\-._~!$&()*+,;=:@/?]*)?$/;
const DOT_SEGMENT = /\/\.{1,2}(?:[/?#]|$)/;

export function isCanonicalHttpUrl(value: string): boolean {
  return CANONICAL_HTTP_URL.test(value) && !DOT_SEGMENT.test(value.slice(value.indexOf('/', 8))) && !value.includes('xn--');
}

const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

export function readColor(cell: string): CellResult<string | null> {
  const value = cell.trim();
  if (value === '') return { ok: true, value: null };
  if (HEX_COLOR.test(value)) return { ok: true, value: value.toLowerCase() };
  return { ok: false, problem: { code: 'colorInvalid', params: { value: shorten(value) } } };
}

/** The problems of the `;`-lists of ids: one code per kind of id. */
export type IdListProblem = 'techniqueInvalid' | 'cveInvalid' | 'groupInvalid';

/** Keeps the items of a list that match a pattern; the others are named in a problem with the given code. */
export function readPatternList(
  cell: string,
  pattern: RegExp,
  code: IdListProblem,
  normalise: (item: string) => string = (item) => item.toUpperCase(),
): { value: string[]; rejected: string[]; problem: ProblemDetail | null } {
  if (cell === '') return { value: [], rejected: [], problem: null };
  const value: string[] = [];
  const rejected: string[] = [];
  for (const item of splitList(cell)) {
    const normalised = normalise(item);
    if (pattern.test(normalised)) {
      if (!value.includes(normalised)) value.push(normalised);
    } else rejected.push(item);
  }
  const problem = rejected.length ? { code, params: { items: rejected.map((item) => shorten(item)) } } : null;
  return { value, rejected, problem };
}

export function shorten(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export const TECHNIQUE_ID = /^T\d{4}(?:\.\d{3})?$/;
export const CVE_ID = /^CVE-\d{4}-\d{4,}$/;
export const GROUP_ID = /^G\d{4}$/;
