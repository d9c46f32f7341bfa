import '../../../src/i18n/italian';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  formatLoadError,
  formatLoadFailure,
  formatLoadFailures,
  LOAD_MESSAGES,
  LoadError,
  type LoadFailure,
  type LoadFailureCode,
  type LoadFailureParamsByCode,
} from '../../../src/i18n/load-messages';
import { msg } from '../../../src/i18n/messages';
import { pairFiles, pairFilesDetailed } from '../../../src/io/classify';
import { checkFileSize, fetchCsvText, fileSizeFailure, resolveSameOrigin } from '../../../src/io/fetch-csv';

const PAGE = 'http://localhost:5173/timeline/index.html?lang=en#top';
const MB = 1024 * 1024;

/** One failure of every code; a code missing here fails the type check. */
const SAMPLES: { readonly [C in LoadFailureCode]: LoadFailureParamsByCode[C] } = {
  noFileChosen: {},
  noEventsFile: {},
  fileKindUnknown: { file: 'notes.csv' },
  severalEventsFiles: { files: ['a.csv', 'b.csv', 'c.csv'] },
  severalClustersFiles: { files: ['groups.csv', 'c2.csv'] },
  pageUnreadable: {},
  pageFromFile: {},
  pageNotHttp: { scheme: 'chrome-extension:' },
  linkEmpty: {},
  linkUnreadable: { link: 'http://' },
  linkNotHttp: { link: 'javascript:alert(1)', scheme: 'javascript:', pageOrigin: 'http://localhost:5173' },
  linkOtherSite: { link: 'https://evil.example/x.csv', origin: 'https://evil.example', pageOrigin: 'http://localhost:5173' },
  linkCredentials: { link: 'http://user:pw@localhost:5173/x.csv' },
  fileTooLarge: { file: 'huge.csv', size: '250.0 MB', limit: '200 MB' },
  fetchUnreachable: { url: 'http://localhost:5173/e.csv' },
  fetchStatus: { url: 'http://localhost:5173/e.csv', status: 404, statusText: 'Not Found' },
  fetchTooLarge: { url: 'http://localhost:5173/e.csv', size: '300.0 MB', limit: '200 MB' },
  fetchOverLimit: { url: 'http://localhost:5173/e.csv', limit: '200 MB' },
  fetchBrokeOff: { url: 'http://localhost:5173/e.csv' },
  readerNotStarted: { detail: 'Refused by the Content Security Policy' },
  readerCrashed: { detail: 'Uncaught Error: boom' },
  readerResultUnreadable: {},
  readerHandOff: { detail: 'File could not be cloned.' },
  readerRequestUnreadable: {},
  fileNoContent: { file: 'nothing.csv' },
  fileUnreadable: { file: 'moved.csv' },
  readerFailed: { detail: 'text.split is not a function' },
};

const CODES = Object.keys(SAMPLES) as LoadFailureCode[];
const sample = (code: LoadFailureCode) => ({ code, params: SAMPLES[code] }) as LoadFailure;

/** Every value a failure carries, as text: each must reach the sentence in either language as it is. */
function paramTexts(params: Readonly<Record<string, unknown>>): string[] {
  return Object.values(params).flatMap((value) => {
    if (Array.isArray(value)) return value.map(String);
    if (typeof value === 'number') return [String(value)];
    return typeof value === 'string' && value !== '' ? [value] : [];
  });
}

function refusal(raw: string, page = PAGE) {
  const result = resolveSameOrigin(raw, page);
  if (result.ok) throw new Error(`expected ${raw} to be refused, got ${result.url}`);
  return result;
}

describe('the load-failure catalogue', () => {
  it('has the same codes in English and Italian, and a sample of each', () => {
    expect(Object.keys(LOAD_MESSAGES.it).sort()).toEqual(Object.keys(LOAD_MESSAGES.en).sort());
    expect(CODES.sort()).toEqual(Object.keys(LOAD_MESSAGES.en).sort());
  });

  it.each(CODES)('%s: says it in Italian, keeping every value as it is', (code) => {
    const failure = sample(code);
    const english = formatLoadFailure(failure, 'en');
    const italian = formatLoadFailure(failure, 'it');
    expect(italian.trim()).not.toBe('');
    expect(italian).not.toBe(english);
    for (const text of [english, italian]) {
      expect(text).not.toMatch(/undefined|NaN|\[object/);
      for (const value of paramTexts(failure.params)) expect(text, `${code}: ${value}`).toContain(value);
    }
  });

  it('names the file button as the app labels it', () => {
    for (const code of ['pageUnreadable', 'pageFromFile', 'pageNotHttp', 'linkOtherSite'] as const) {
      expect(formatLoadFailure(sample(code), 'en')).toContain(`"${msg('en', 'openCsv')}"`);
      expect(formatLoadFailure(sample(code), 'it')).toContain(`«${msg('it', 'openCsv')}»`);
    }
  });

  it('words the refusals in natural Italian', () => {
    const it = (failure: LoadFailure) => formatLoadFailure(failure, 'it');
    expect(it(refusal('https://evil.example/x.csv').failure)).toBe(
      '"https://evil.example/x.csv" è su un altro sito (https://evil.example); da un link si possono caricare solo file di questo sito (http://localhost:5173). Scaricalo e usa «Apri CSV…».',
    );
    expect(it(refusal('javascript:alert(1)').failure)).toBe(
      '"javascript:alert(1)" è un link javascript:; si possono caricare solo link http(s) a file di questo sito (http://localhost:5173).',
    );
    expect(it(refusal('events.csv', 'file:///home/me/index.html').failure)).toBe(
      'Questa pagina è stata aperta da un file sul disco (file://) e una pagina aperta così non può caricare altri file da un link. Usa invece «Apri CSV…».',
    );
    expect(it(refusal('http://user:pw@localhost:5173/x.csv').failure)).toBe(
      '"http://user:pw@localhost:5173/x.csv" contiene un nome utente o una password; i link con credenziali non vengono caricati.',
    );
    expect(it(fileSizeFailure({ name: 'huge.csv', size: 250 * MB })!)).toBe(
      '"huge.csv" pesa 250.0 MB; non si possono caricare file di oltre 200 MB. Dividilo in più file, oppure togli le righe e le colonne che non ti servono.',
    );
    expect(it(sample('fetchStatus'))).toBe('Non è stato possibile caricare http://localhost:5173/e.csv: il server ha risposto 404 Not Found.');
    expect(it({ code: 'fetchStatus', params: { url: 'http://localhost:5173/e.csv', status: 500, statusText: '' } })).toBe(
      'Non è stato possibile caricare http://localhost:5173/e.csv: il server ha risposto 500.',
    );
    expect(it({ code: 'readerCrashed', params: { detail: '' } })).toBe(
      'Il lettore CSV si è fermato per un errore (il browser non ha indicato il motivo).',
    );
    expect(it({ code: 'readerNotStarted', params: { detail: '' } })).toBe('Non è stato possibile avviare il lettore CSV.');
  });

  it('agrees the Italian with how many files there are', () => {
    const ev = (name: string) => ({ name, text: 'id,cluster,kind,start,title\n' });
    const cl = (name: string) => ({ name, text: 'id,label\n' });
    const italian = (files: { name: string; text: string }[]) =>
      pairFilesDetailed(files).failures.map((failure) => formatLoadFailure(failure, 'it'));
    expect(italian([ev('my-events.csv'), ev('more.csv')])).toEqual([
      '"my-events.csv" e "more.csv" sembrano entrambi file di eventi, ma se ne può caricare uno solo alla volta; viene usato "my-events.csv".',
    ]);
    expect(italian([ev('e.csv'), cl('groups.csv'), cl('c2.csv'), cl('c3.csv')])).toEqual([
      '"groups.csv", "c2.csv" e "c3.csv" sembrano tutti file di cluster, ma se ne può caricare uno solo alla volta; viene usato "groups.csv".',
    ]);
    expect(italian([])).toEqual([
      'Non è stato scelto nessun file. Scegli un file CSV di eventi (con le colonne "kind" e "start"), eventualmente insieme a un file CSV di cluster.',
    ]);
    expect(italian([cl('groups.csv'), { name: 'notes.csv', text: 'a,b\n' }])).toEqual([
      'Nessuno dei file scelti è un file di eventi (cioè con le colonne "kind" e "start"), quindi non c’è niente da mostrare. Scegli un file CSV di eventi, eventualmente insieme a un file CSV di cluster.',
      '"notes.csv" non è né un file di eventi né un file di cluster: la sua prima riga non ha una colonna "kind", "start" o "label", quindi viene ignorato.',
    ]);
  });
});

describe('LoadError and formatLoadError', () => {
  it('carries its reasons as codes, with the English sentences as its message', () => {
    const failure = sample('linkOtherSite');
    const error = new LoadError(failure);
    expect(error).toBeInstanceOf(Error);
    expect(error.failures).toEqual([failure]);
    expect(error.failure).toBe(failure);
    expect(error.message).toBe(formatLoadFailure(failure, 'en'));
    const several = new LoadError([sample('noEventsFile'), sample('fileKindUnknown')]);
    expect(several.failure.code).toBe('noEventsFile');
    expect(several.message).toBe(`${formatLoadFailure(sample('noEventsFile'), 'en')} ${formatLoadFailure(sample('fileKindUnknown'), 'en')}`);
    expect(formatLoadError(several, 'it')).toBe(formatLoadFailures(several.failures, 'it'));
  });

  it('words a coded error in the language asked for, at the time it is shown', () => {
    const error = new LoadError(sample('fetchBrokeOff'));
    expect(formatLoadError(error, 'en')).toBe(
      'http://localhost:5173/e.csv could not be loaded: the connection broke off while the file was being read.',
    );
    expect(formatLoadError(error, 'it')).toBe(
      'Non è stato possibile caricare http://localhost:5173/e.csv: la connessione si è interrotta durante la lettura del file.',
    );
  });

  it('shows an error without a code as its own message, in either language', () => {
    expect(formatLoadError(new TypeError('x is not a function'), 'it')).toBe('x is not a function');
    expect(formatLoadError(new Error('boom'), 'en')).toBe('boom');
    expect(formatLoadError('a string', 'it')).toBe('a string');
  });

  it('fills the app’s “Could not load” notice as main.ts does', () => {
    const error = new LoadError(refusal('https://evil.example/x.csv').failure);
    expect(msg('en', 'loadFailed', { name: 'x.csv', reason: formatLoadError(error, 'en') })).toBe(
      'Could not load x.csv: "https://evil.example/x.csv" is on another site (https://evil.example); only files from this site (http://localhost:5173) can be loaded by link. Download it and use "Open CSV…" instead.',
    );
    expect(msg('it', 'loadFailed', { name: 'x.csv', reason: formatLoadError(error, 'it') })).toBe(
      'Impossibile caricare x.csv: "https://evil.example/x.csv" è su un altro sito (https://evil.example); da un link si possono caricare solo file di questo sito (http://localhost:5173). Scaricalo e usa «Apri CSV…».',
    );
  });
});

/**
 * The English sentences exactly as the loaders gave them before they carried codes (captured from
 * that code), each checked through the old string API and through its code.
 */
describe('the English of every refusal is unchanged', () => {
  const ev = (name: string) => ({ name, text: 'id,cluster,kind,start,title\n' });
  const cl = (name: string) => ({ name, text: 'id,label\n' });
  const neither = (name: string) => ({ name, text: 'a,b\n' });

  const PAIRINGS: [string, { name: string; text: string }[], string[]][] = [
    [
      'no file',
      [],
      ['No file was chosen. Choose an events CSV file (with "kind" and "start" columns), optionally together with a clusters CSV file.'],
    ],
    [
      'no events file',
      [cl('groups.csv')],
      [
        'None of the chosen files is an events file (one with "kind" and "start" columns), so nothing can be shown. Choose an events CSV file, optionally together with a clusters CSV file.',
      ],
    ],
    [
      'no events file, one that is neither, two clusters files',
      [cl('groups.csv'), neither('notes.csv'), cl('c2.csv')],
      [
        'None of the chosen files is an events file (one with "kind" and "start" columns), so nothing can be shown. Choose an events CSV file, optionally together with a clusters CSV file.',
        '"notes.csv" is neither an events file nor a clusters file: its first row has no "kind", "start" or "label" column, so it is ignored.',
        '"groups.csv" and "c2.csv" both look like clusters files, but only one can be loaded at a time; "groups.csv" is used.',
      ],
    ],
    [
      'a file that is neither',
      [ev('e.csv'), neither('notes.csv')],
      ['"notes.csv" is neither an events file nor a clusters file: its first row has no "kind", "start" or "label" column, so it is ignored.'],
    ],
    [
      'a long name that is neither',
      [ev('e.csv'), neither(`${'x'.repeat(200)}.csv`)],
      [
        `"${'x'.repeat(60)}…" is neither an events file nor a clusters file: its first row has no "kind", "start" or "label" column, so it is ignored.`,
      ],
    ],
    [
      'two events files',
      [ev('my-events.csv'), ev('more.csv')],
      ['"my-events.csv" and "more.csv" both look like events files, but only one can be loaded at a time; "my-events.csv" is used.'],
    ],
    [
      'three events files',
      [ev('a.csv'), ev('b.csv'), ev('c.csv')],
      ['"a.csv", "b.csv" and "c.csv" all look like events files, but only one can be loaded at a time; "a.csv" is used.'],
    ],
    [
      'two clusters files',
      [ev('e.csv'), cl('groups.csv'), cl('c2.csv')],
      ['"groups.csv" and "c2.csv" both look like clusters files, but only one can be loaded at a time; "groups.csv" is used.'],
    ],
    [
      'three clusters files',
      [ev('e.csv'), cl('groups.csv'), cl('c2.csv'), cl('c3.csv')],
      ['"groups.csv", "c2.csv" and "c3.csv" all look like clusters files, but only one can be loaded at a time; "groups.csv" is used.'],
    ],
  ];

  it.each(PAIRINGS)('pairFiles: %s', (_, files, expected) => {
    expect(pairFiles(files).problems).toEqual(expected);
    const { failures } = pairFilesDetailed(files);
    expect(failures.map((failure) => formatLoadFailure(failure, 'en'))).toEqual(expected);
  });

  const LINKS: [string, string, string, string][] = [
    [
      'pageUnreadable',
      'x.csv',
      'not a page url',
      'The address of this page could not be read, so no file can be loaded by link. Use "Open CSV…" instead.',
    ],
    [
      'pageFromFile',
      'events.csv',
      'file:///home/me/index.html',
      'This page was opened from a file on disk (file://), and such a page cannot load other files by link. Use "Open CSV…" instead.',
    ],
    [
      'pageNotHttp',
      'events.csv',
      'chrome-extension://abc/index.html',
      'This page was opened from a chrome-extension: address, and such a page cannot load other files by link. Use "Open CSV…" instead.',
    ],
    ['linkEmpty', '   ', PAGE, 'The link is empty. Give the address of a CSV file on this site.'],
    ['linkUnreadable', 'http://', PAGE, '"http://" is not a link that can be read. Give the address of a CSV file on this site.'],
    [
      'linkNotHttp',
      'javascript:alert(1)',
      PAGE,
      '"javascript:alert(1)" is a javascript: link; only http(s) links to files on this site (http://localhost:5173) can be loaded.',
    ],
    [
      'linkNotHttp',
      `data:text/csv,${'a'.repeat(200)}`,
      PAGE,
      `"data:text/csv,${'a'.repeat(66)}…" is a data: link; only http(s) links to files on this site (http://localhost:5173) can be loaded.`,
    ],
    [
      'linkOtherSite',
      'https://evil.example/x.csv',
      PAGE,
      '"https://evil.example/x.csv" is on another site (https://evil.example); only files from this site (http://localhost:5173) can be loaded by link. Download it and use "Open CSV…" instead.',
    ],
    [
      'linkCredentials',
      'http://user:pw@localhost:5173/x.csv',
      PAGE,
      '"http://user:pw@localhost:5173/x.csv" has a user name or password in it; links with credentials are not loaded.',
    ],
  ];

  it.each(LINKS)('resolveSameOrigin: %s (%s)', (code, raw, page, expected) => {
    const result = refusal(raw, page);
    expect(result.reason).toBe(expected);
    expect(result.failure.code).toBe(code);
    expect(formatLoadFailure(result.failure, 'en')).toBe(expected);
    expect(new LoadError(result.failure).message).toBe(expected);
  });

  it('checkFileSize: fileTooLarge', () => {
    const cases: [{ name: string; size: number }, string][] = [
      [
        { name: 'huge.csv', size: 250 * MB },
        '"huge.csv" is 250.0 MB; files over 200 MB cannot be loaded. Split it, or remove the rows and columns you do not need.',
      ],
      [
        { name: `${'y'.repeat(200)}.csv`, size: 201 * MB },
        `"${'y'.repeat(60)}…" is 201.0 MB; files over 200 MB cannot be loaded. Split it, or remove the rows and columns you do not need.`,
      ],
    ];
    for (const [file, expected] of cases) {
      expect(checkFileSize(file)).toBe(expected);
      const failure = fileSizeFailure(file)!;
      expect(failure.code).toBe('fileTooLarge');
      expect(formatLoadFailure(failure, 'en')).toBe(expected);
    }
    expect(fileSizeFailure({ name: 'ok.csv', size: 200 * MB })).toBeNull();
  });

  describe('fetchCsvText', () => {
    afterEach(() => {
      vi.unstubAllGlobals();
    });

    async function failureOf(respond: () => Response | Promise<Response>): Promise<LoadError> {
      vi.stubGlobal('fetch', vi.fn<typeof fetch>(async () => respond()));
      const error = await fetchCsvText('http://localhost:5173/e.csv').then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(LoadError);
      return error as LoadError;
    }

    let pulls = 0;
    const FETCHES: [string, () => Response | Promise<Response>, string][] = [
      [
        'fetchUnreachable',
        () => Promise.reject(new TypeError('Failed to fetch')),
        'http://localhost:5173/e.csv could not be loaded: the server could not be reached, or it redirected the request (redirects are not followed).',
      ],
      [
        'fetchStatus',
        () => new Response('x', { status: 404, statusText: 'Not Found' }),
        'http://localhost:5173/e.csv could not be loaded: the server answered 404 Not Found.',
      ],
      ['fetchStatus', () => new Response('x', { status: 500 }), 'http://localhost:5173/e.csv could not be loaded: the server answered 500.'],
      [
        'fetchTooLarge',
        () => new Response('x', { headers: { 'Content-Length': String(300 * MB) } }),
        'http://localhost:5173/e.csv is 300.0 MB; files over 200 MB cannot be loaded.',
      ],
      [
        'fetchOverLimit',
        () => {
          const chunk = new Uint8Array(64 * MB);
          return new Response(new ReadableStream<Uint8Array>({ pull: (c) => c.enqueue(chunk) }));
        },
        'http://localhost:5173/e.csv is over 200 MB; files over 200 MB cannot be loaded.',
      ],
      [
        'fetchBrokeOff',
        () => {
          pulls = 0;
          return new Response(
            new ReadableStream<Uint8Array>({
              pull: (c) => (pulls++ > 0 ? c.error(new Error('reset')) : c.enqueue(new Uint8Array(4))),
            }),
          );
        },
        'http://localhost:5173/e.csv could not be loaded: the connection broke off while the file was being read.',
      ],
    ];

    it.each(FETCHES)('%s', async (code, respond, expected) => {
      const error = await failureOf(respond);
      expect(error.message).toBe(expected);
      expect(error.failure.code).toBe(code);
      expect(formatLoadError(error, 'en')).toBe(expected);
      expect(formatLoadError(error, 'it')).not.toBe(expected);
      expect(formatLoadError(error, 'it')).toContain('http://localhost:5173/e.csv');
    });
  });
});
