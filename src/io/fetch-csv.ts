import { shorten } from './cells';

/** The largest CSV file the page will read, from disk or by link (200 MB). */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;

const MEGABYTE = 1024 * 1024;
const LIMIT_TEXT = `${MAX_FILE_BYTES / MEGABYTE} MB`;

function megabytes(bytes: number): string {
  return `${(bytes / MEGABYTE).toFixed(1)} MB`;
}

export type SameOriginResult = { ok: true; url: string } | { ok: false; reason: string };

/**
 * Resolves a link typed or passed in the page's address against the page, and accepts it only
 * when it is an http(s) URL on exactly the page's origin. Pure: nothing is fetched.
 */
export function resolveSameOrigin(raw: string, pageUrl: string): SameOriginResult {
  const value = raw.trim();
  const shown = `"${shorten(value, 80)}"`;
  let page: URL;
  try {
    page = new URL(pageUrl);
  } catch {
    return { ok: false, reason: 'The address of this page could not be read, so no file can be loaded by link. Use "Open CSV…" instead.' };
  }
  if (page.protocol !== 'http:' && page.protocol !== 'https:') {
    return {
      ok: false,
      reason: `This page was opened ${page.protocol === 'file:' ? 'from a file on disk (file://)' : `from a ${page.protocol} address`}, and such a page cannot load other files by link. Use "Open CSV…" instead.`,
    };
  }
  if (value === '') return { ok: false, reason: 'The link is empty. Give the address of a CSV file on this site.' };

  let url: URL;
  try {
    url = new URL(value, page);
  } catch {
    return { ok: false, reason: `${shown} is not a link that can be read. Give the address of a CSV file on this site.` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return {
      ok: false,
      reason: `${shown} is a ${url.protocol} link; only http(s) links to files on this site (${page.origin}) can be loaded.`,
    };
  }
  if (url.origin !== page.origin) {
    return {
      ok: false,
      reason: `${shown} is on another site (${url.origin}); only files from this site (${page.origin}) can be loaded by link. Download it and use "Open CSV…" instead.`,
    };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: `${shown} has a user name or password in it; links with credentials are not loaded.` };
  }
  return { ok: true, url: url.href };
}

/**
 * A refusal sentence for a chosen file that is too big to read, or null when it may be read.
 * Checked before any read, from the size the browser reports.
 */
export function checkFileSize(file: { name: string; size: number }): string | null {
  if (file.size <= MAX_FILE_BYTES) return null;
  return `"${shorten(file.name)}" is ${megabytes(file.size)}; files over ${LIMIT_TEXT} cannot be loaded. Split it, or remove the rows and columns you do not need.`;
}

function tooBig(url: string, size: string): Error {
  return new Error(`${url} is ${size}; files over ${LIMIT_TEXT} cannot be loaded.`);
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/**
 * Fetches a same-origin CSV file as text. Cookies go only to this site, a redirect fails the
 * request (a same-origin link must not be bounced elsewhere), and a body over MAX_FILE_BYTES is
 * refused: from Content-Length when the server sends it, and by counting while reading.
 * Errors carry a readable message; an abort rejects with the signal's AbortError.
 */
export async function fetchCsvText(url: string, signal?: AbortSignal): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', redirect: 'error', signal: signal ?? null });
  } catch (error) {
    if (isAbort(error) || signal?.aborted) throw error;
    throw new Error(`${url} could not be loaded: the server could not be reached, or it redirected the request (redirects are not followed).`);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new Error(`${url} could not be loaded: the server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`);
  }
  const declared = Number(response.headers.get('Content-Length') ?? NaN);
  if (Number.isFinite(declared) && declared > MAX_FILE_BYTES) {
    await response.body?.cancel().catch(() => undefined);
    throw tooBig(url, megabytes(declared));
  }
  if (!response.body) {
    const text = await response.text();
    if (text.length > MAX_FILE_BYTES) throw tooBig(url, `over ${LIMIT_TEXT}`);
    return text;
  }
  // Count the bytes as they arrive, so an undeclared huge body is stopped early.
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    let next: ReadableStreamReadResult<Uint8Array>;
    try {
      next = await reader.read();
    } catch (error) {
      if (isAbort(error) || signal?.aborted) throw error;
      throw new Error(`${url} could not be loaded: the connection broke off while the file was being read.`);
    }
    const { done, value } = next;
    if (done) break;
    received += value.byteLength;
    if (received > MAX_FILE_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw tooBig(url, `over ${LIMIT_TEXT}`);
    }
    chunks.push(value);
  }
  const decoder = new TextDecoder('utf-8');
  let text = '';
  for (const chunk of chunks) text += decoder.decode(chunk, { stream: true });
  text += decoder.decode();
  if (text.length > MAX_FILE_BYTES) throw tooBig(url, `over ${LIMIT_TEXT}`);
  return text;
}
