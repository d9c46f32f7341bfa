import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkFileSize, declaredSize, fetchCsvText, MAX_FILE_BYTES, openCsvDownload, resolveSameOrigin } from '../../../src/io/fetch-csv';

const PAGE = 'http://localhost:5173/timeline/index.html?lang=en#top';

function refused(raw: string, page = PAGE): string {
  const result = resolveSameOrigin(raw, page);
  if (result.ok) throw new Error(`expected ${raw} to be refused, got ${result.url}`);
  return result.reason;
}

describe('resolveSameOrigin', () => {
  it('resolves a relative path against the page', () => {
    expect(resolveSameOrigin('data/events.csv', PAGE)).toEqual({ ok: true, url: 'http://localhost:5173/timeline/data/events.csv' });
    expect(resolveSameOrigin('../x.csv', PAGE)).toEqual({ ok: true, url: 'http://localhost:5173/x.csv' });
    expect(resolveSameOrigin('/root.csv?v=2', PAGE)).toEqual({ ok: true, url: 'http://localhost:5173/root.csv?v=2' });
    expect(resolveSameOrigin('  events.csv  ', PAGE)).toEqual({ ok: true, url: 'http://localhost:5173/timeline/events.csv' });
  });

  it('accepts an absolute URL on the same origin', () => {
    expect(resolveSameOrigin('http://localhost:5173/a/b.csv', PAGE)).toEqual({ ok: true, url: 'http://localhost:5173/a/b.csv' });
    expect(resolveSameOrigin('https://example.org/e.csv', 'https://example.org/app/')).toEqual({ ok: true, url: 'https://example.org/e.csv' });
  });

  it('refuses another origin, naming it', () => {
    expect(refused('https://evil.example/x.csv')).toBe(
      '"https://evil.example/x.csv" is on another site (https://evil.example); only files from this site (http://localhost:5173) can be loaded by link. Download it and use "Open CSV…" instead.',
    );
  });

  it('counts another scheme or port as another origin', () => {
    expect(refused('https://localhost:5173/x.csv')).toMatch(/another site \(https:\/\/localhost:5173\)/);
    expect(refused('http://localhost:8080/x.csv')).toMatch(/another site \(http:\/\/localhost:8080\)/);
  });

  it('refuses a protocol-relative URL to another host', () => {
    expect(refused('//evil.example/x.csv')).toBe(
      '"//evil.example/x.csv" is on another site (http://evil.example); only files from this site (http://localhost:5173) can be loaded by link. Download it and use "Open CSV…" instead.',
    );
  });

  it('refuses javascript:, data: and blob: links, however they are written', () => {
    expect(refused('javascript:alert(1)')).toMatch(/is a javascript: link; only http\(s\) links/);
    expect(refused(' JavaScript:alert(1)')).toMatch(/javascript: link/);
    expect(refused('java\nscript:alert(1)')).toMatch(/javascript: link/);
    expect(refused('data:text/csv,id,kind%0Aa,b')).toMatch(/is a data: link/);
    expect(refused('blob:http://localhost:5173/0b6a7f3e-1111-2222-3333-444455556666')).toMatch(/is a blob: link/);
    expect(refused('file:///etc/passwd')).toMatch(/is a file: link/);
  });

  it('shortens a very long value in the reason', () => {
    const reason = refused(`data:text/csv,${'a'.repeat(5000)}`);
    expect(reason.length).toBeLessThan(300);
  });

  it('says that a page opened from a file cannot load by link', () => {
    const reason = refused('events.csv', 'file:///home/me/timeline/index.html');
    expect(reason).toMatch(/opened from a file on disk \(file:\/\/\).*cannot load other files by link.*Open CSV…/);
    expect(refused('https://example.org/e.csv', 'file:///x/index.html')).toBe(reason);
  });

  it('refuses garbage and empty values', () => {
    expect(refused('http://')).toMatch(/not a link that can be read/);
    expect(refused('https://exa mple.org/x.csv')).toMatch(/not a link that can be read/);
    expect(refused('http://[::1')).toMatch(/not a link that can be read/);
    expect(refused('   ')).toMatch(/link is empty/);
    expect(refused('x.csv', 'not a page url')).toMatch(/address of this page could not be read/);
  });

  it('refuses a same-origin link with credentials in it', () => {
    expect(refused('http://user:pw@localhost:5173/x.csv')).toMatch(/user name or password/);
  });
});

describe('checkFileSize', () => {
  it('accepts files up to the limit', () => {
    expect(checkFileSize({ name: 'events.csv', size: 0 })).toBeNull();
    expect(checkFileSize({ name: 'events.csv', size: 20 * 1024 * 1024 })).toBeNull();
    expect(checkFileSize({ name: 'events.csv', size: MAX_FILE_BYTES })).toBeNull();
  });

  it('refuses a bigger file with its size in MB and the limit', () => {
    expect(MAX_FILE_BYTES).toBe(200 * 1024 * 1024);
    expect(checkFileSize({ name: 'huge.csv', size: 250 * 1024 * 1024 })).toBe(
      '"huge.csv" is 250.0 MB; files over 200 MB cannot be loaded. Split it, or remove the rows and columns you do not need.',
    );
    expect(checkFileSize({ name: 'h.csv', size: MAX_FILE_BYTES + 1 })).toMatch(/^"h\.csv" is 200\.0 MB; files over 200 MB/);
  });
});

describe('fetchCsvText', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  function stubFetch(respond: () => Response | Promise<Response>) {
    const fetchMock = vi.fn<typeof fetch>(async () => respond());
    vi.stubGlobal('fetch', fetchMock);
    return fetchMock;
  }

  it('fetches with same-origin credentials, no redirects and the signal, and decodes UTF-8', async () => {
    const fetchMock = stubFetch(() => new Response('id,kind\nä,ü\n', { status: 200 }));
    const controller = new AbortController();
    await expect(fetchCsvText('http://localhost:5173/e.csv', controller.signal)).resolves.toBe('id,kind\nä,ü\n');
    expect(fetchMock).toHaveBeenCalledWith('http://localhost:5173/e.csv', {
      credentials: 'same-origin',
      redirect: 'error',
      signal: controller.signal,
    });
  });

  it('reports an HTTP error with the status and the URL', async () => {
    stubFetch(() => new Response('nope', { status: 404, statusText: 'Not Found' }));
    await expect(fetchCsvText('http://localhost:5173/missing.csv')).rejects.toThrow(
      'http://localhost:5173/missing.csv could not be loaded: the server answered 404 Not Found.',
    );
  });

  it('turns a network failure or a refused redirect into a readable error', async () => {
    stubFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(fetchCsvText('http://localhost:5173/moved.csv')).rejects.toThrow(
      /moved\.csv could not be loaded: the server could not be reached, or it redirected the request/,
    );
  });

  it('passes an abort through as an AbortError', async () => {
    stubFetch(() => Promise.reject(new DOMException('The operation was aborted.', 'AbortError')));
    const controller = new AbortController();
    controller.abort();
    await expect(fetchCsvText('http://localhost:5173/e.csv', controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('refuses a body whose Content-Length is over the limit, without reading it', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(16));
      },
    });
    stubFetch(() => new Response(body, { headers: { 'Content-Length': String(300 * 1024 * 1024) } }));
    await expect(fetchCsvText('http://localhost:5173/big.csv')).rejects.toThrow(
      'http://localhost:5173/big.csv is 300.0 MB; files over 200 MB cannot be loaded.',
    );
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it('stops reading a body without Content-Length once it passes the limit', async () => {
    const chunk = new Uint8Array(8 * 1024 * 1024);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    stubFetch(() => new Response(body));
    await expect(fetchCsvText('http://localhost:5173/endless.csv')).rejects.toThrow(/endless\.csv is over 200 MB/);
    expect(sent).toBeLessThan(MAX_FILE_BYTES + 3 * chunk.byteLength);
  });
});

describe('declaredSize', () => {
  const response = (headers: Record<string, string>) => new Response('id\n', { headers });

  it("is the Content-Length of a body sent as it is", () => {
    expect(declaredSize(response({ 'Content-Length': '20700000' }))).toBe(20_700_000);
    expect(declaredSize(response({ 'Content-Length': '0' }))).toBe(0);
    expect(declaredSize(response({ 'Content-Length': '19', 'Content-Encoding': 'identity' }))).toBe(19);
  });

  it('is null without a usable Content-Length', () => {
    expect(declaredSize(response({}))).toBeNull();
    for (const value of ['', ' ', 'abc', '-1', '1.5', '1e30', '19, 19']) expect(declaredSize(response({ 'Content-Length': value })), value).toBeNull();
  });

  it('is null for a compressed body, whose Content-Length is the compressed size, not the file\'s', () => {
    for (const encoding of ['gzip', 'br', 'deflate', 'zstd', 'GZIP', ' gzip ']) {
      expect(declaredSize(response({ 'Content-Length': '314609', 'Content-Encoding': encoding })), encoding).toBeNull();
    }
  });
});

describe('openCsvDownload', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  const stubFetch = (respond: () => Response | Promise<Response>) => vi.stubGlobal('fetch', vi.fn<typeof fetch>(async () => respond()));

  async function read(chunks: AsyncIterable<Uint8Array>): Promise<number[]> {
    const sizes: number[] = [];
    for await (const chunk of chunks) sizes.push(chunk.byteLength);
    return sizes;
  }

  it('hands the body over chunk by chunk as it arrives, then gives the whole file, with the declared size', async () => {
    const parts = ['id,title\n', '1,ä\n', '2,b\n'].map((part) => new TextEncoder().encode(part));
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const part = parts[pulls++];
        if (part) controller.enqueue(part);
        else controller.close();
      },
    });
    stubFetch(() => new Response(body, { headers: { 'Content-Length': '19' } }));
    const download = await openCsvDownload('http://localhost:5173/e.csv', 'e.csv');
    expect(download.size).toBe(19);
    const seen: number[] = [];
    for await (const chunk of download.chunks) seen.push(pulls, chunk.byteLength);
    // Handed over as they arrive: when a chunk is handed over, at most one more has been asked for.
    expect(seen).toEqual([2, 9, 3, 5, 4, 4]);
    const file = download.file();
    expect(file.name).toBe('e.csv');
    expect(await file.text()).toBe('id,title\n1,ä\n2,b\n');
  });

  it('refuses a body whose Content-Length is over the limit before handing anything over', async () => {
    stubFetch(() => new Response('x', { headers: { 'Content-Length': String(300 * 1024 * 1024) } }));
    await expect(openCsvDownload('http://localhost:5173/big.csv', 'big.csv')).rejects.toThrow('http://localhost:5173/big.csv is 300.0 MB; files over 200 MB cannot be loaded.');
  });

  it('stops a body without Content-Length once it passes the limit, and cancels the rest', async () => {
    const chunk = new Uint8Array(8 * 1024 * 1024);
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(chunk),
      cancel: () => void (cancelled = true),
    });
    stubFetch(() => new Response(body));
    const download = await openCsvDownload('http://localhost:5173/endless.csv', 'endless.csv');
    expect(download.size).toBeNull();
    await expect(read(download.chunks)).rejects.toThrow(/endless\.csv is over 200 MB/);
    expect(cancelled).toBe(true);
  });

  it('says a download that breaks off part way broke off', async () => {
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulls++ === 0) controller.enqueue(new Uint8Array(4));
        else controller.error(new TypeError('network error'));
      },
    });
    stubFetch(() => new Response(body));
    const download = await openCsvDownload('http://localhost:5173/cut.csv', 'cut.csv');
    await expect(read(download.chunks)).rejects.toMatchObject({ failure: { code: 'fetchBrokeOff', params: { url: 'http://localhost:5173/cut.csv' } } });
  });

  it('cancels a download nothing read', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({ pull: (controller) => controller.enqueue(new Uint8Array(1)), cancel: () => void (cancelled = true) });
    stubFetch(() => new Response(body));
    (await openCsvDownload('http://localhost:5173/e.csv', 'e.csv')).cancel();
    await vi.waitFor(() => expect(cancelled).toBe(true));
  });
});

describe('openCsvDownload without a body stream', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('hands the whole body over as one chunk', async () => {
    const response = new Response('id,title\n1,a\n');
    Object.defineProperty(response, 'body', { value: null });
    vi.stubGlobal('fetch', vi.fn<typeof fetch>(async () => response));
    const download = await openCsvDownload('http://localhost:5173/e.csv', 'e.csv');
    const chunks: Uint8Array[] = [];
    for await (const chunk of download.chunks) chunks.push(chunk);
    expect(chunks.map((c) => new TextDecoder().decode(c))).toEqual(['id,title\n1,a\n']);
    expect(await download.file().text()).toBe('id,title\n1,a\n');
  });
});
