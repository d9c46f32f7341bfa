/** Cell-level readers shared by the events and clusters validators. Each returns a value or a problem. */

import type { Confidence, ProblemDetail } from '../model/types';

export type CellResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: ProblemDetail };

/** Splits a `;`-list, trimming items and dropping empty ones. */
export function splitList(cell: string): string[] {
  return cell
    .split(';')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

const CONFIDENCES: readonly Confidence[] = ['high', 'moderate', 'low'];

export function readConfidence(cell: string): CellResult<Confidence | null> {
  const value = cell.trim().toLowerCase();
  if (value === '') return { ok: true, value: null };
  if ((CONFIDENCES as readonly string[]).includes(value)) return { ok: true, value: value as Confidence };
  if (value === 'medium') return { ok: true, value: 'moderate' };
  return { ok: false, problem: { code: 'confidenceInvalid', params: { value: shorten(cell.trim()) } } };
}

/** true/yes/1 or false/no/0/empty; null for anything else. */
export function readBoolean(cell: string): boolean | null {
  const value = cell.trim().toLowerCase();
  if (['', 'false', 'no', '0'].includes(value)) return false;
  if (['true', 'yes', '1'].includes(value)) return true;
  return null;
}

/** Accepts only absolute http: and https: URLs, so a cell can never become a script or data link. */
export function readHttpUrl(cell: string): CellResult<string | null> {
  const value = cell.trim();
  if (value === '') return { ok: true, value: null };
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
