import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDateReason as formatStartupDateReason } from '../../../src/i18n/date-reason-messages';
import {
  formatDateReason,
  formatNotice,
  formatNotices,
  formatProblem,
  formatProblemDetail,
  PROBLEM_MESSAGES,
} from '../../../src/i18n/problem-messages';
import { loadDataset, type LoadInput } from '../../../src/io/load';
import { parseSourceDate } from '../../../src/model/dates';
import type { Problem } from '../../../src/model/types';
import { decodeUrlState, type UrlNotice } from '../../../src/state/url-codec';

const fixturesDir = new URL('../../fixtures/', import.meta.url);
const fixtures = readdirSync(fixturesDir)
  .filter((name) => name.endsWith('.csv'))
  .map((name) => ({ name, text: readFileSync(new URL(name, fixturesDir), 'utf8') }));
const clustersFixture = fixtures.find((f) => f.name === 'clusters.csv')!;

/** Every value a problem or notice carries, as text: each must reach the sentence in either language. */
function paramTexts(params: Readonly<Record<string, unknown>>): string[] {
  return Object.entries(params).flatMap(([name, value]) => {
    if (Array.isArray(value)) return value.map(String);
    if (typeof value === 'number') return name === 'more' && value === 0 ? [] : [String(value)];
    return typeof value === 'string' && value !== '' ? [value] : [];
  });
}

/** What every problem must satisfy: a code, English identical to `message`, and Italian that keeps every value. */
function checkProblem(problem: Problem): void {
  expect(problem.code, problem.message).toBeTypeOf('string');
  expect(formatProblem(problem, 'en')).toBe(problem.message);
  const italian = formatProblem(problem, 'it');
  expect(italian.trim()).not.toBe('');
  expect(italian).not.toBe(problem.message);
  expect(italian).not.toMatch(/undefined|NaN|\[object/);
  // dateWrongOrder names the month in words; its number is still in the suggested date.
  for (const value of paramTexts(problem.params ?? {})) expect(italian, `${problem.code}: ${value}`).toContain(value);
}

function checkNotices(search: string): void {
  const { noticeCodes } = decodeUrlState(search);
  const notices = formatNotices(noticeCodes, 'en');
  expect(notices).toHaveLength(noticeCodes.length);
  notices.forEach((english, index) => {
    const notice = noticeCodes[index]!;
    expect(english.trim()).not.toBe('');
    expect(english).not.toMatch(/undefined|NaN|\[object/);
    for (const value of paramTexts(notice.params)) expect(english, `${notice.code}: ${value}`).toContain(value);
  });
  formatNotices(noticeCodes, 'it').forEach((italian, index) => {
    const notice = noticeCodes[index]!;
    expect(italian).not.toBe(notices[index]);
    expect(italian).not.toMatch(/undefined|NaN|\[object/);
    for (const value of paramTexts(notice.params)) expect(italian, `${notice.code}: ${value}`).toContain(value);
  });
}

describe('the catalogue', () => {
  it('has the same codes in English and Italian', () => {
    const { en, it: italian } = PROBLEM_MESSAGES;
    for (const section of ['date', 'problem', 'notice'] as const) {
      expect(Object.keys(italian[section]).sort(), section).toEqual(Object.keys(en[section]).sort());
    }
  });
});

describe('problems from the fixtures', () => {
  const inputs: LoadInput[] = fixtures.flatMap((events) => [{ events }, { events, clusters: clustersFixture }]);

  it('say in English exactly what `message` says, and keep every value in Italian', () => {
    const problems = inputs.flatMap((input) => loadDataset(input).problems);
    expect(problems.length).toBeGreaterThan(10);
    for (const problem of problems) checkProblem(problem);
  });

  it('speak Italian for the problems fixture', () => {
    const events = fixtures.find((f) => f.name === 'events-problems.csv')!;
    const italian = loadDataset({ events, clusters: clustersFixture }).problems.map((p) => [p.row, p.column, formatProblem(p, 'it')]);
    expect(italian).toEqual([
      [3, 'start', 'start: il mese 13 non esiste: i mesi vanno da 01 a 12; la riga viene scartata'],
      [4, 'start', 'start: il trimestre Q5 non esiste: i trimestri vanno da Q1 a Q4; la riga viene scartata'],
      [5, 'start', 'start: i trimestri si scrivono mettendo prima l’anno: 2020-Q4; la riga viene scartata'],
      [
        6,
        'start',
        'start: "yesterday" non è una data: usa AAAA, AAAA-Qn, AAAA-MM o AAAA-MM-GG, eventualmente preceduto da ~; la riga viene scartata',
      ],
      [
        7,
        'start',
        'start: il valore non è nell’ordine anno-mese-giorno; se intendi il giorno 31 dicembre 2020, scrivi 2020-12-31; la riga viene scartata',
      ],
      [8, 'start', 'start: il giorno 30 non esiste nel mese 2021-02; la riga viene scartata'],
      [9, 'end', 'end (2019) viene prima di start (2021); la riga viene scartata'],
      [10, 'id', 'l’id "ok-1" è già usato alla riga 2; gli id devono essere unici, quindi questa riga viene scartata'],
      [11, 'id', 'la cella id è obbligatoria ma è vuota; la riga viene scartata'],
      [12, 'cluster', 'il cluster "Z" non è in clusters.csv; i suoi eventi sono mostrati in una corsia a parte'],
      [
        13,
        'confidence',
        '"sure" non è un livello di affidabilità: usa high, moderate o low (oppure lascia la cella vuota); l’affidabilità è mostrata come non indicata',
      ],
      [13, 'source_url', 'sono mostrati solo i link http(s); il link javascript: è stato scartato'],
      [13, 'techniques', '"T99" non è un ID di tecnica ATT&CK come T1190 o T1505.003; ignorato'],
      [14, 'source_url', 'sono mostrati solo i link http(s); il link data: è stato scartato'],
      [
        15,
        null,
        'la riga ha 11 celle ma l’intestazione ne ha 9, quindi le sue celle potrebbero essere sfasate (una virgola o un separatore non racchiuso tra virgolette?); la riga viene scartata',
      ],
    ]);
  });

  it('speak Italian for whole-file problems', () => {
    const italian = (input: LoadInput) => loadDataset(input).problems.map((p) => formatProblem(p, 'it'));
    expect(italian({ events: fixtures.find((f) => f.name === 'events-missing-column.csv')! })).toEqual([
      'nell’intestazione manca la colonna obbligatoria "start", quindi nessuna riga può essere letta (colonne trovate: id, cluster, kind, end, title)',
    ]);
    expect(italian({ events: { name: 'e.csv', text: '' } })).toEqual(['il file è vuoto: non ha né una riga di intestazione né dati']);
    expect(italian({ events: { name: 'e.csv', text: 'id,cluster,kind,start,title\n' } })).toEqual([
      'il file ha un’intestazione ma nessuna riga di dati',
    ]);
    expect(italian({ events: { name: 'e.csv', text: 'id,cluster,kind,start,title,Colour,Notes,notes\na,X,intrusion,2020,T,,,\n' } })).toEqual([
      'la colonna "notes" compare due volte; viene letta solo la prima',
      'queste colonne non fanno parte dello schema e vengono ignorate: "colour", "notes"',
    ]);
    expect(italian({ events: { name: 'e.csv', text: 'id,cluster,kind,start,title\na,X,intrusion,2020,T\nb,X,intrusion,2020,"never closed\n' } })).toEqual([
      'una cella tra virgolette non viene mai chiusa: controlla che non manchi un " (il resto del file potrebbe essere stato letto come un’unica cella)',
    ]);
  });

  it('speak Italian for the clusters file', () => {
    const clusters = {
      name: 'c.csv',
      text: 'id,label,attribution_confidence,color,source_url,mitre_groups\nX,x,,,,\nX,again,,,,\ncontext,c,,,,\nY,y,sure,red,example.org,G1;G0001;g2\n',
    };
    const dataset = loadDataset({ events: { name: 'e.csv', text: 'id,cluster,kind,start,title\na,X,intrusion,2020,T\n' }, clusters });
    for (const problem of dataset.problems) checkProblem(problem);
    expect(dataset.problems.map((p) => formatProblem(p, 'it'))).toEqual([
      'l’id "X" è già usato alla riga 2; la riga viene scartata',
      '"context" è riservato agli eventi di contesto, che non appartengono a nessun cluster; la riga viene scartata',
      '"sure" non è un livello di affidabilità: usa high, moderate o low (oppure lascia la cella vuota); l’affidabilità è mostrata come non indicata',
      '"red" non è un colore esadecimale come #0072b2; viene usato il colore della tavolozza',
      '"example.org" non è un URL completo (deve iniziare con https:// o http://); non viene mostrato come link',
      '"G1", "g2" non sono ID di gruppo ATT&CK come G0093; ignorati',
    ]);
  });

  it('insert the data verbatim, never translated', () => {
    const text = 'id,cluster,kind,start,title,contested\n"a ""b"" <i>c</i> 🦊",X,intrusion,2020,T,forse\n"a ""b"" <i>c</i> 🦊",X,intrusion,2020,T,\n';
    const problems = loadDataset({ events: { name: 'mio file «1».csv', text } }).problems;
    expect(problems.map((p) => formatProblem(p, 'it'))).toEqual([
      'il valore "forse" di contested non è né true né false; l’evento è considerato non contestato',
      'l’id "a "b" <i>c</i> 🦊" è già usato alla riga 2; gli id devono essere unici, quindi questa riga viene scartata',
    ]);
    expect(problems.every((p) => p.file === 'mio file «1».csv')).toBe(true);
  });
});

const EVENT_COLUMNS = ['id', 'cluster', 'kind', 'start', 'end', 'title', 'confidence', 'contested', 'techniques', 'cves', 'source_url'];
const CLUSTER_COLUMNS = ['id', 'label', 'attribution_confidence', 'mitre_groups', 'color', 'source_url'];
const CELLS = [
  '', '2020', '~2020-Q3', '2020-Q5', 'Q4 2020', '2021-13', '2021-02-30', '31/12/2020', '03/04/2020', '2021/03/02', '2021-3-2',
  '2021-03-02T10:00Z', '0999', '..', 'X', 'Y', 'Z', 'context', 'high', 'sure', 'true', 'maybe', 'T1190;T99;TA0001', 'CVE-2021-1',
  'G0093;g1', '#0072b2', 'red', 'https://example.org/', 'javascript:alert(1)', 'example.org', 'a "quote"', 'ok, comma',
];
const cell = fc.oneof(fc.constantFrom(...CELLS), fc.string({ maxLength: 12 }));

/** A CSV file: a header drawn from the schema and from anything, then rows of interesting or arbitrary cells. */
function csvFile(columns: readonly string[]) {
  return fc
    .record({
      header: fc.array(fc.oneof(fc.constantFrom(...columns), fc.string({ maxLength: 8 })), { maxLength: 14 }),
      rows: fc.array(fc.array(cell, { maxLength: 14 }), { maxLength: 6 }),
      delimiter: fc.constantFrom(',', ';', '\t'),
      quote: fc.boolean(),
    })
    .map(({ header, rows, delimiter, quote }) => {
      const write = (value: string) => (quote && /["\n,;\t]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
      return [header, ...rows].map((cells) => cells.map(write).join(delimiter)).join('\n');
    });
}

describe('problems from random CSV input (property-based)', () => {
  it('say in English exactly what `message` says, and keep every value in Italian', () => {
    const text = fc.oneof(csvFile(EVENT_COLUMNS), fc.string({ maxLength: 200 }));
    fc.assert(
      fc.property(text, fc.option(csvFile(CLUSTER_COLUMNS), { nil: undefined }), (events, clusters) => {
        const input: LoadInput = { events: { name: 'e.csv', text: events }, ...(clusters === undefined ? {} : { clusters: { name: 'c.csv', text: clusters } }) };
        for (const problem of loadDataset(input).problems) checkProblem(problem);
      }),
      { numRuns: 400 },
    );
  });
});

describe('URL notices', () => {
  const garbage = [
    '?from=yesterday&to=2021-13',
    '?from=2020-Q5&to=Q4%202020',
    '?from=03/04/2020&to=31/12/2020',
    '?from=2021/03/02&to=2021-3-2',
    '?from=2021-03-02T10:00&to=0999',
    '?from=2021-02-30',
    '?from=2021&to=2019',
    `?from=${'x'.repeat(60)}&lang=${'y'.repeat(60)}`,
    '?confidence=sure',
    '?confidence=high,sure,LOW,maybe',
    '?techniques=T1190,TA0001',
    '?techniques=1190,2,3',
    '?clusters=,,&kinds=,&tools=,&techniques=,&confidence=,',
    '?clusters=A,,B,&kinds=a,,',
    `?q=${'🦊'.repeat(250)}`,
    '?inview=yes&lang=fr',
    '?lang=%E0%A4%A&inview=%FF',
    '%E0%A4%A',
    '&&==&=&q',
  ];

  it('keep every value, in English and in Italian, and differ between the two', () => {
    for (const search of garbage) checkNotices(search);
    const known = ['clusters', 'kinds', 'confidence', 'q', 'tools', 'techniques', 'inview', 'from', 'to', 'lang'];
    const value = fc.oneof(fc.constantFrom('', ',', 'a,,b', 'sure', 'T1', '2020-Q5', '03/04/2020', '2021', '2019', 'fr'), fc.string({ maxLength: 30 }));
    const pair = fc.tuple(fc.constantFrom(...known), value).map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 8 }), (pairs) => checkNotices(`?${pairs.join('&')}`)),
      { numRuns: 500 },
    );
  });

  it('speak Italian', () => {
    const italian = (search: string) => formatNotices(decodeUrlState(search).noticeCodes, 'it');
    expect(italian('?to=2021-13')).toEqual(['Ignorato "to=2021-13": il mese 13 non esiste: i mesi vanno da 01 a 12']);
    expect(italian('?from=2021&to=2019')).toEqual(['Ignorati "from=2021" e "to=2019": il periodo finisce prima di cominciare']);
    expect(italian('?confidence=high,sure,LOW,maybe')).toEqual([
      'Ignorati "sure", "maybe" in "confidence=high,sure,LOW,maybe": l’affidabilità può essere high, moderate, low o unstated',
    ]);
    expect(italian('?techniques=T1190,TA0001')).toEqual([
      'Ignorato "TA0001" in "techniques=T1190,TA0001": le tecniche sono ID ATT&CK come T1190 o T1505.003',
    ]);
    expect(italian('?tools=,&clusters=A,,B')).toEqual(['Ignorati gli elementi vuoti in "clusters=A,,B"', 'Ignorato "tools=,": non indica nessuno strumento']);
    expect(italian(`?q=${'a'.repeat(201)}&inview=yes&lang=fr`)).toEqual([
      'La ricerca "q" è stata accorciata ai primi 200 caratteri',
      'Ignorato "inview=yes": usa inview=1 per mostrare solo le righe visibili',
      'Ignorato "lang=fr": le lingue disponibili sono en e it',
    ]);
  });

  it('formats one notice the same way as a list of them', () => {
    const notice: UrlNotice = { code: 'langUnknown', params: { value: 'fr' } };
    expect(formatNotice(notice, 'it')).toBe(formatNotices([notice], 'it')[0]);
    expect(formatNotices([], 'it')).toEqual([]);
  });
});

describe('formatDateReason', () => {
  function reason(text: string) {
    const parsed = parseSourceDate(text);
    if (parsed.ok) throw new Error(`expected ${text} to be rejected`);
    return parsed;
  }

  it('gives the English reason the parser gives, and an Italian one', () => {
    const italian: [string, string][] = [
      ['', 'il valore è vuoto'],
      ['2300', 'l’anno 2300 è fuori dall’intervallo 1900–2199'],
      ['2020-Q0', 'il trimestre Q0 non esiste: i trimestri vanno da Q1 a Q4'],
      ['2021-13', 'il mese 13 non esiste: i mesi vanno da 01 a 12'],
      ['2021-02-29', 'il giorno 29 non esiste nel mese 2021-02'],
      ['q3-2019', 'i trimestri si scrivono mettendo prima l’anno: 2019-Q3'],
      ['03/04/2020', 'il valore è ambiguo: 03/04/2020 può essere giorno/mese o mese/giorno; scrivilo come 2020-04-03 o come 2020-03-04'],
      ['1/13/2020', 'il valore non è nell’ordine anno-mese-giorno; se intendi il giorno 13 gennaio 2020, scrivi 2020-01-13'],
      ['13/1/2020', 'il valore non è nell’ordine anno-mese-giorno; se intendi il giorno 13 gennaio 2020, scrivi 2020-01-13'],
      ['1.1.2020', 'il valore non è nell’ordine anno-mese-giorno; se intendi il giorno 1° gennaio 2020, scrivi 2020-01-01'],
      ['2021.03', 'separa anno, mese e giorno con "-", non con "/" o "."'],
      ['2021-3', 'mesi e giorni si scrivono con due cifre (2021-03-02)'],
      ['2021-03-02T10:00', 'gli orari non sono supportati: tieni solo la data (AAAA-MM-GG)'],
      ['soon', '"soon" non è una data: usa AAAA, AAAA-Qn, AAAA-MM o AAAA-MM-GG, eventualmente preceduto da ~'],
    ];
    for (const [text, expected] of italian) {
      const failed = reason(text);
      expect(formatDateReason(failed, 'en'), text).toBe(formatStartupDateReason(failed, 'en'));
      expect(formatDateReason(failed, 'it'), text).toBe(expected);
    }
  });
});

describe('formatProblem', () => {
  it('shows a problem made without a code as its message', () => {
    const problem: Problem = { file: 'e.csv', row: 2, column: null, message: 'made by hand', severity: 'warning' };
    expect(formatProblem(problem, 'it')).toBe('made by hand');
  });

  it('says a problem in either language from its code and parameters alone', () => {
    expect(formatProblemDetail({ code: 'rowTooShort', params: { cells: 1, width: 5 } }, 'it')).toBe(
      'la riga ha 1 cella ma l’intestazione ne ha 5; le celle mancanti sono lette come vuote',
    );
    expect(formatProblemDetail({ code: 'rowTooShort', params: { cells: 1, width: 5 } }, 'en')).toBe(
      'the row has 1 cell but the header has 5; the missing cells are read as empty',
    );
    expect(formatProblemDetail({ code: 'unknownColumns', params: { columns: ['a'], more: 0 } }, 'it')).toBe(
      'questa colonna non fa parte dello schema e viene ignorata: "a"',
    );
    expect(formatProblemDetail({ code: 'unknownColumns', params: { columns: ['a', 'b'], more: 3 } }, 'it')).toBe(
      'queste colonne non fanno parte dello schema e vengono ignorate: "a", "b" e altre 3',
    );
    expect(formatProblemDetail({ code: 'missingColumn', params: { column: 'id', found: [], more: 0 } }, 'it')).toContain('(colonne trovate: nessuna)');
    expect(formatProblemDetail({ code: 'csvUnreadableRow', params: { detail: 'Too many fields' } }, 'it')).toBe(
      'non è stato possibile leggere la riga (Too many fields)',
    );
    expect(formatProblemDetail({ code: 'dateEmpty', params: { field: 'end' } }, 'en')).toBe('end is empty; the row is skipped');
  });

  it('says how many more columns a header has than it lists', () => {
    const missing = { code: 'missingColumn', params: { column: 'id', found: ['a', 'b'], more: 2345 } } as const;
    expect(formatProblemDetail(missing, 'en')).toBe(
      'the required column "id" is missing from the header, so no row can be read (columns found: a, b and 2345 more)',
    );
    expect(formatProblemDetail(missing, 'it')).toBe(
      'nell’intestazione manca la colonna obbligatoria "id", quindi nessuna riga può essere letta (colonne trovate: a, b e altre 2345)',
    );
  });

  it('names the columns without a name that hold values, in either language', () => {
    const one = { code: 'unnamedColumns', params: { columns: [4], more: 0, rows: 1, firstRow: 7 } } as const;
    expect(formatProblemDetail(one, 'en')).toBe(
      'column 4 has no name in the header, so its cells are not read: 1 row has a value in it (row 7). Give the column a name, or delete it if its cells are not needed',
    );
    expect(formatProblemDetail(one, 'it')).toBe(
      'la colonna 4 non ha un nome nell’intestazione, quindi le sue celle non vengono lette: 1 riga ha un valore in questa colonna (riga 7). Dai un nome alla colonna, oppure eliminala se le sue celle non servono',
    );
    const two = { code: 'unnamedColumns', params: { columns: [1, 9], more: 0, rows: 100_000, firstRow: 2 } } as const;
    expect(formatProblemDetail(two, 'en')).toBe(
      'columns 1 and 9 have no name in the header, so their cells are not read: 100000 rows have a value in them, the first on row 2. Give the columns names, or delete them if their cells are not needed',
    );
    expect(formatProblemDetail(two, 'it')).toBe(
      'le colonne 1 e 9 non hanno un nome nell’intestazione, quindi le loro celle non vengono lette: 100000 righe hanno un valore in queste colonne, la prima è la riga 2. Dai un nome alle colonne, oppure eliminale se le loro celle non servono',
    );
  });
});
