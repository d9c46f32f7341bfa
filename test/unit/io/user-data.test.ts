import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatLoadError, LoadError } from '../../../src/i18n/load-messages';
import { LoadRefused, loadFromLinks, loadUserFiles } from '../../../src/ui/app/user-data';

const MB = 1024 * 1024;
const noProgress = () => undefined;

/** A chosen file as loadUserFiles reads it: its name, size and the head of its text. */
function chosen(name: string, text: string, size = text.length): File {
  return { name, size, slice: () => ({ text: async () => text }) } as unknown as File;
}

async function refusalOf(load: Promise<unknown>): Promise<LoadRefused> {
  const error = await load.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LoadRefused);
  expect(error).toBeInstanceOf(LoadError);
  expect((error as Error).name).toBe('LoadRefused');
  return error as LoadRefused;
}

describe('LoadRefused from loadUserFiles', () => {
  it('refuses a file over the limit, before reading anything', async () => {
    const error = await refusalOf(loadUserFiles([chosen('huge.csv', '', 250 * MB)], noProgress, new AbortController().signal));
    expect(error.failure).toEqual({ code: 'fileTooLarge', params: { file: 'huge.csv', size: '250.0 MB', limit: '200 MB' } });
    expect(error.message).toBe(
      '"huge.csv" is 250.0 MB; files over 200 MB cannot be loaded. Split it, or remove the rows and columns you do not need.',
    );
    expect(formatLoadError(error, 'it')).toBe(
      '"huge.csv" pesa 250.0 MB; non si possono caricare file di oltre 200 MB. Dividilo in più file, oppure togli le righe e le colonne che non ti servono.',
    );
  });

  it('refuses when no file is an events file, saying everything the pairing found', async () => {
    const files = [chosen('groups.csv', 'id,label\n'), chosen('notes.csv', 'a,b\n')];
    const error = await refusalOf(loadUserFiles(files, noProgress, new AbortController().signal));
    expect(error.failures.map((f) => f.code)).toEqual(['noEventsFile', 'fileKindUnknown']);
    expect(error.message).toBe(
      'None of the chosen files is an events file (one with "kind" and "start" columns), so nothing can be shown. Choose an events CSV file, optionally together with a clusters CSV file. ' +
        '"notes.csv" is neither an events file nor a clusters file: its first row has no "kind", "start" or "label" column, so it is ignored.',
    );
    expect(formatLoadError(error, 'it')).toBe(
      'Nessuno dei file scelti è un file di eventi (cioè con le colonne "kind" e "start"), quindi non c’è niente da mostrare. Scegli un file CSV di eventi, eventualmente insieme a un file CSV di cluster. ' +
        '"notes.csv" non è né un file di eventi né un file di cluster: la sua prima riga non ha una colonna "kind", "start" o "label", quindi viene ignorato.',
    );
  });

  it('refuses an empty choice', async () => {
    const error = await refusalOf(loadUserFiles([], noProgress, new AbortController().signal));
    expect(error.failures).toEqual([{ code: 'noFileChosen', params: {} }]);
  });
});

describe('LoadRefused from loadFromLinks', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('refuses another site’s events link, before any request', async () => {
    vi.stubGlobal('location', { href: 'http://localhost:5173/index.html?src=x' });
    const fetchMock = vi.fn<typeof fetch>();
    vi.stubGlobal('fetch', fetchMock);
    const error = await refusalOf(loadFromLinks('https://evil.example/x.csv', null, noProgress, new AbortController().signal));
    expect(error.failure).toEqual({
      code: 'linkOtherSite',
      params: { link: 'https://evil.example/x.csv', origin: 'https://evil.example', pageOrigin: 'http://localhost:5173' },
    });
    expect(error.message).toBe(
      '"https://evil.example/x.csv" is on another site (https://evil.example); only files from this site (http://localhost:5173) can be loaded by link. Download it and use "Open CSV…" instead.',
    );
    expect(formatLoadError(error, 'it')).toBe(
      '"https://evil.example/x.csv" è su un altro sito (https://evil.example); da un link si possono caricare solo file di questo sito (http://localhost:5173). Scaricalo e usa «Apri CSV…».',
    );
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('refuses a bad clusters link', async () => {
    vi.stubGlobal('location', { href: 'http://localhost:5173/' });
    const error = await refusalOf(loadFromLinks('events.csv', 'javascript:alert(1)', noProgress, new AbortController().signal));
    expect(error.failure.code).toBe('linkNotHttp');
    expect(error.message).toBe(
      '"javascript:alert(1)" is a javascript: link; only http(s) links to files on this site (http://localhost:5173) can be loaded.',
    );
  });

  it('refuses every link from a page opened from disk', async () => {
    vi.stubGlobal('location', { href: 'file:///home/me/timeline/index.html' });
    const error = await refusalOf(loadFromLinks('events.csv', null, noProgress, new AbortController().signal));
    expect(error.failure).toEqual({ code: 'pageFromFile', params: {} });
  });

  it('passes a failed request on as a coded LoadError that is not a refusal', async () => {
    vi.stubGlobal('location', { href: 'http://localhost:5173/' });
    vi.stubGlobal(
      'fetch',
      vi.fn<typeof fetch>(async () => new Response('nope', { status: 404, statusText: 'Not Found' })),
    );
    const error = await loadFromLinks('missing.csv', null, noProgress, new AbortController().signal).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LoadError);
    expect(error).not.toBeInstanceOf(LoadRefused);
    expect(formatLoadError(error, 'en')).toBe('http://localhost:5173/missing.csv could not be loaded: the server answered 404 Not Found.');
    expect(formatLoadError(error, 'it')).toBe(
      'Non è stato possibile caricare http://localhost:5173/missing.csv: il server ha risposto 404 Not Found.',
    );
  });
});
