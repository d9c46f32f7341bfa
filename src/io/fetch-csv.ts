import { formatLoadFailure, LoadError, type LoadFailure } from '../i18n/load-messages';
import { shorten } from './cells';

/** The largest CSV file the page will read, from disk or by link (200 MB). */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;

const MEGABYTE = 1024 * 1024;
const LIMIT_TEXT = `${MAX_FILE_BYTES / MEGABYTE} MB`;

function megabytes(bytes: number): string {
  return `${(bytes / MEGABYTE).toFixed(1)} MB`;
}

/** A refusal has its reason in English (`reason`) and as a code (`failure`), for wording it in the UI's language. */
export type SameOriginResult = { ok: true; url: string } | { ok: false; reason: string; failure: LoadFailure };

function refuse(failure: LoadFailure): SameOriginResult {
  return { ok: false, reason: formatLoadFailure(failure, 'en'), failure };
}

/**
 * Resolves a link typed or passed in the page's address against the page, and accepts it only
 * when it is an http(s) URL on exactly the page's origin. Pure: nothing is fetched.
 */
export function resolveSameOrigin(raw: string, pageUrl: string): SameOriginResult {
  const value = raw.trim();
  const link = shorten(value, 80);
  let page: URL;
  try {
    page = new URL(pageUrl);
  } catch {
    return refuse({ code: 'pageUnreadable', params: {} });
  }
  if (page.protocol !== 'http:' && page.protocol !== 'https:') {
    return refuse(page.protocol === 'file:' ? { code: 'pageFromFile', params: {} } : { code: 'pageNotHttp', params: { scheme: page.protocol } });
  }
  if (value === '') return refuse({ code: 'linkEmpty', params: {} });

  let url: URL;
  try {
    url = new URL(value, page);
  } catch {
    return refuse({ code: 'linkUnreadable', params: { link } });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return refuse({ code: 'linkNotHttp', params: { link, scheme: url.protocol, pageOrigin: page.origin } });
  }
  if (url.origin !== page.origin) {
    return refuse({ code: 'linkOtherSite', params: { link, origin: url.origin, pageOrigin: page.origin } });
  }
  if (url.username !== '' || url.password !== '') {
    return refuse({ code: 'linkCredentials', params: { link } });
  }
  return { ok: true, url: url.href };
}

/**
 * Why a chosen file is too big to read, as a code, or null when it may be read.
 * Checked before any read, from the size the browser reports.
 */
export function fileSizeFailure(file: { name: string; size: number }): LoadFailure | null {
  if (file.size <= MAX_FILE_BYTES) return null;
  return { code: 'fileTooLarge', params: { file: shorten(file.name), size: megabytes(file.size), limit: LIMIT_TEXT } };
}

/** `fileSizeFailure` as an English refusal sentence, or null when the file may be read. */
export function checkFileSize(file: { name: string; size: number }): string | null {
  const failure = fileSizeFailure(file);
  return failure && formatLoadFailure(failure, 'en');
}

function tooBig(url: string, size: number | null): LoadError {
  return new LoadError(
    size === null
      ? { code: 'fetchOverLimit', params: { url, limit: LIMIT_TEXT } }
      : { code: 'fetchTooLarge', params: { url, size: megabytes(size), limit: LIMIT_TEXT } },
  );
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/**
 * Fetches a same-origin CSV file as text. Cookies go only to this site, a redirect fails the
 * request (a same-origin link must not be bounced elsewhere), and a body over MAX_FILE_BYTES is
 * refused: from Content-Length when the server sends it, and by counting while reading.
 * Failures are LoadErrors (an English message, and codes for the UI's language); an abort rejects
 * with the signal's AbortError.
 */
export async function fetchCsvText(url: string, signal?: AbortSignal): Promise<string> {
  const text = await (await fetchCsvBody(url, signal)).text();
  if (text.length > MAX_FILE_BYTES) throw tooBig(url, null);
  return text;
}

/**
 * The same as fetchCsvText, as a File: the bytes are not decoded on the page, so a CSV worker can
 * read them itself (decoding 20 MB is a long task the page would otherwise stall on).
 */
export async function fetchCsvFile(url: string, name: string, signal?: AbortSignal): Promise<File> {
  return new File([await fetchCsvBody(url, signal)], name, { type: 'text/csv' });
}

/** A download read as it arrives: its chunks in order (read once), and the whole file once they all are. */
export interface CsvDownload {
  /** The file's size as the server declared it (declaredSize), or null. */
  readonly size: number | null;
  readonly chunks: AsyncIterable<Uint8Array>;
  /** The file, once `chunks` has been read to its end (made on the first call: copying a large file's chunks into one takes a while). */
  file(): File;
  /** Stops the download if `chunks` was never read (a read stops it itself when it ends early). */
  cancel(): void;
}

/**
 * The same request and checks as fetchCsvFile, handing the body over as it arrives, so that it can
 * be read while the rest downloads. A body over MAX_FILE_BYTES fails the reading of `chunks`.
 */
export async function openCsvDownload(url: string, name: string, signal?: AbortSignal): Promise<CsvDownload> {
  const response = await openResponse(url, signal);
  const size = declaredSize(response);
  const kept: Uint8Array[] = [];
  let file: File | null = null;
  const body = response.body;
  let started = false;
  const chunks = body ? bodyChunks(body, url, signal) : blobChunks(response, url, signal);
  return {
    size,
    chunks: (async function* () {
      started = true;
      for await (const chunk of chunks) {
        kept.push(chunk);
        yield chunk;
      }
    })(),
    file: () => (file ??= new File(kept as BlobPart[], name, { type: 'text/csv' })),
    cancel: () => {
      if (!started) void body?.cancel().catch(() => undefined);
    },
  };
}

async function* blobChunks(response: Response, url: string, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
  yield new Uint8Array(await (await readBlob(response, url, signal)).arrayBuffer());
}

/** A body's chunks, counted as they arrive, so that an undeclared huge body is stopped early. */
async function* bodyChunks(body: ReadableStream<Uint8Array>, url: string, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let received = 0;
  try {
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch (error) {
        if (isAbort(error) || signal?.aborted) throw error;
        throw new LoadError({ code: 'fetchBrokeOff', params: { url } });
      }
      if (next.done) return;
      received += next.value.byteLength;
      if (received > MAX_FILE_BYTES) throw tooBig(url, null);
      yield next.value;
    }
  } finally {
    // Stopped early (too big, failed, or the load ended): the rest of the download is not wanted.
    await reader.cancel().catch(() => undefined);
  }
}

async function readBlob(response: Response, url: string, signal?: AbortSignal): Promise<Blob> {
  const blob = await response.blob().catch((error: unknown) => {
    if (isAbort(error) || signal?.aborted) throw error;
    throw new LoadError({ code: 'fetchBrokeOff', params: { url } });
  });
  if (blob.size > MAX_FILE_BYTES) throw tooBig(url, null);
  return blob;
}

/**
 * The size of the file the body holds, as the server declared it (Content-Length), or null when it
 * did not. A compressed body (Content-Encoding: gzip, br…, as many hosts send CSV text) declares
 * the compressed size, while the browser hands over the file's bytes: that size says nothing of the
 * file's, so it is null too (the 200 MB limit is then checked by counting).
 */
export function declaredSize(response: Response): number | null {
  const encoding = response.headers.get('Content-Encoding')?.trim().toLowerCase();
  if (encoding && encoding !== 'identity') return null;
  const header = response.headers.get('Content-Length');
  const declared = header === null || header.trim() === '' ? NaN : Number(header);
  return Number.isSafeInteger(declared) && declared >= 0 ? declared : null;
}

/** The response to a same-origin GET, checked: it answered 2xx and does not declare more than MAX_FILE_BYTES. */
async function openResponse(url: string, signal?: AbortSignal): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', redirect: 'error', signal: signal ?? null });
  } catch (error) {
    if (isAbort(error) || signal?.aborted) throw error;
    throw new LoadError({ code: 'fetchUnreachable', params: { url } });
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new LoadError({ code: 'fetchStatus', params: { url, status: response.status, statusText: response.statusText } });
  }
  const declared = declaredSize(response);
  if (declared !== null && declared > MAX_FILE_BYTES) {
    await response.body?.cancel().catch(() => undefined);
    throw tooBig(url, declared);
  }
  return response;
}

async function fetchCsvBody(url: string, signal?: AbortSignal): Promise<Blob> {
  const response = await openResponse(url, signal);
  if (!response.body || declaredSize(response) !== null) {
    // The size is known and allowed: the browser gathers the body itself, without the page
    // copying 20 MB of chunks in one task. (A compressed body can still unpack to more: checked after.)
    return readBlob(response, url, signal);
  }
  const chunks: Uint8Array[] = [];
  for await (const chunk of bodyChunks(response.body, url, signal)) chunks.push(chunk);
  return new Blob(chunks as BlobPart[]);
}
