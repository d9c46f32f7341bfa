/** Cell-level readers shared by the events and clusters validators. Each returns a value or a reason. */

import type { Confidence } from '../model/types';

export type CellResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

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
  return { ok: false, reason: `"${cell.trim()}" is not a confidence: use high, moderate or low (or leave it empty)` };
}

export function readBoolean(cell: string): CellResult<boolean> {
  const value = cell.trim().toLowerCase();
  if (['', 'false', 'no', '0'].includes(value)) return { ok: true, value: false };
  if (['true', 'yes', '1'].includes(value)) return { ok: true, value: true };
  return { ok: false, reason: `"${cell.trim()}" is not true or false` };
}

/** Accepts only absolute http: and https: URLs, so a cell can never become a script or data link. */
export function readHttpUrl(cell: string): CellResult<string | null> {
  const value = cell.trim();
  if (value === '') return { ok: true, value: null };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, reason: `"${shorten(value)}" is not a full URL (it must start with https:// or http://); it is not linked` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: `only http(s) links are shown; the ${url.protocol} link was dropped` };
  }
  return { ok: true, value: url.href };
}

const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

export function readColor(cell: string): CellResult<string | null> {
  const value = cell.trim();
  if (value === '') return { ok: true, value: null };
  if (HEX_COLOR.test(value)) return { ok: true, value: value.toLowerCase() };
  return { ok: false, reason: `"${shorten(value)}" is not a hex colour like #0072b2; the palette colour is used` };
}

/** Keeps the items of a list that match a pattern; the others are reported. */
export function readPatternList(
  cell: string,
  pattern: RegExp,
  what: string,
  normalise: (item: string) => string = (item) => item.toUpperCase(),
): { value: string[]; rejected: string[]; reason: string | null } {
  const value: string[] = [];
  const rejected: string[] = [];
  for (const item of splitList(cell)) {
    const normalised = normalise(item);
    if (pattern.test(normalised)) {
      if (!value.includes(normalised)) value.push(normalised);
    } else rejected.push(item);
  }
  const reason = rejected.length ? `${rejected.map((r) => `"${shorten(r)}"`).join(', ')} ${rejected.length > 1 ? 'are not' : 'is not'} ${what}; ignored` : null;
  return { value, rejected, reason };
}

export function shorten(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export const TECHNIQUE_ID = /^T\d{4}(?:\.\d{3})?$/;
export const CVE_ID = /^CVE-\d{4}-\d{4,}$/;
export const GROUP_ID = /^G\d{4}$/;
