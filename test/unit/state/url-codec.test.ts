import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSourceDate, toCsvDate, type SourceDate } from '../../../src/model/dates';
import { formatNotices } from '../../../src/i18n/url-notice-messages';
import { CONFIDENCE_FILTERS } from '../../../src/model/filters';
import {
  decodeUrlState,
  DEFAULT_URL_STATE,
  encodeUrlState,
  windowToDates,
  type UrlState,
} from '../../../src/state/url-codec';

function date(text: string): SourceDate {
  const parsed = parseSourceDate(text);
  if (!parsed.ok) throw new Error(parsed.code);
  return parsed.value;
}

const state = (changes: Partial<UrlState>): UrlState => ({ ...DEFAULT_URL_STATE, ...changes });

/** decodeUrlState, plus its notices in English as the page shows them (the codec itself hands out codes only). */
function decode(search: string) {
  const result = decodeUrlState(search);
  return { ...result, notices: formatNotices(result.noticeCodes, 'en') };
}

function decodesCleanly(search: string): UrlState {
  const { state, notices } = decode(search);
  expect(notices).toEqual([]);
  return state;
}

describe('decodeUrlState', () => {
  it('reads the example link exactly', () => {
    expect(decodesCleanly('?clusters=B&panel=B&from=2020-Q1&to=2021-Q1')).toEqual(
      state({ clusters: ['B'], panel: 'B', from: date('2020-Q1'), to: date('2021-Q1') }),
    );
  });

  it('reads every parameter, with or without the leading "?"', () => {
    const search =
      'clusters=A,context&kinds=activity,tooling&confidence=high,unstated&q=web+shell%20%C3%A0&tools=China%20Chopper,PcShare' +
      '&techniques=t1190,T1505.003&inview=1&from=~2018&to=2021-03-02&panel=A&event=a-1&lang=it' +
      '&src=https%3A%2F%2Fexample.org%2Fe.csv%3Fv%3D1&clusters-src=https://example.org/c.csv';
    const expected = state({
      clusters: ['A', 'context'],
      kinds: ['activity', 'tooling'],
      confidence: ['high', 'unstated'],
      query: 'web shell à',
      tools: ['China Chopper', 'PcShare'],
      techniques: ['T1190', 'T1505.003'],
      inView: true,
      from: date('~2018'),
      to: date('2021-03-02'),
      panel: 'A',
      event: 'a-1',
      lang: 'it',
      src: 'https://example.org/e.csv?v=1',
      clustersSrc: 'https://example.org/c.csv',
    });
    expect(decodesCleanly(search)).toEqual(expected);
    expect(decodesCleanly(`?${search}`)).toEqual(expected);
  });

  it('gives the defaults for an empty query string', () => {
    expect(decodesCleanly('')).toEqual(DEFAULT_URL_STATE);
    expect(decodesCleanly('?')).toEqual(DEFAULT_URL_STATE);
  });

  it('ignores unknown parameters silently', () => {
    expect(decodesCleanly('?utm_source=newsletter&fbclid=x&clusters=A')).toEqual(state({ clusters: ['A'] }));
  });

  it('takes the first of repeated parameters', () => {
    expect(decodesCleanly('?panel=A&panel=B&from=2019&from=2020')).toEqual(state({ panel: 'A', from: date('2019') }));
  });

  it('keeps the case of ids, and reads an empty list as "none"', () => {
    expect(decodesCleanly('?clusters=aB,Ab&kinds=')).toEqual(state({ clusters: ['aB', 'Ab'], kinds: [] }));
    expect(decodesCleanly('?clusters=')).toEqual(state({ clusters: [] }));
  });

  it('trims the query and keeps at most 200 characters', () => {
    expect(decodesCleanly('?q=%20%20two%20words%20').query).toBe('two words');
    const { state: long, notices } = decode(`?q=${'🦊'.repeat(250)}`);
    expect(Array.from(long.query)).toHaveLength(200);
    expect(long.query).toBe('🦊'.repeat(200));
    expect(notices).toEqual(['Shortened the search "q" to its first 200 characters']);
  });

  it('removes repeated list items', () => {
    expect(decodesCleanly('?tools=PcShare,PcShare&techniques=T1190,t1190').tools).toEqual(['PcShare']);
    expect(decodesCleanly('?techniques=T1190,t1190').techniques).toEqual(['T1190']);
  });
});

describe('decodeUrlState with malformed values', () => {
  const cases: [string, Partial<UrlState>, string[]][] = [
    ['?from=yesterday', {}, ['Ignored "from=yesterday": "yesterday" is not a date: use YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD, optionally with a leading ~']],
    ['?from=2020-Q5', {}, ['Ignored "from=2020-Q5": quarter Q5 does not exist: quarters are Q1 to Q4']],
    ['?to=2021-13', {}, ['Ignored "to=2021-13": month 13 does not exist: months are 01 to 12']],
    ['?from=2021&to=2019', {}, ['Ignored "from=2021" and "to=2019": the window ends before it starts']],
    ['?from=2021-06&to=2021-Q1', {}, ['Ignored "from=2021-06" and "to=2021-Q1": the window ends before it starts']],
    ['?confidence=sure', {}, ['Ignored "confidence=sure": confidence is high, moderate, low or unstated']],
    [
      '?confidence=high,sure,LOW,maybe',
      { confidence: ['high', 'low'] },
      ['Ignored "sure", "maybe" in "confidence=high,sure,LOW,maybe": confidence is high, moderate, low or unstated'],
    ],
    ['?lang=fr', {}, ['Ignored "lang=fr": the languages are en and it']],
    ['?clusters=,,', {}, ['Ignored "clusters=,,": it names no clusters']],
    ['?clusters=A,,B,', { clusters: ['A', 'B'] }, ['Ignored the empty items in "clusters=A,,B,"']],
    ['?tools=,', {}, ['Ignored "tools=,": it names no tools']],
    ['?techniques=T1190,TA0001', { techniques: ['T1190'] }, ['Ignored "TA0001" in "techniques=T1190,TA0001": techniques are ATT&CK ids like T1190 or T1505.003']],
    ['?techniques=1190', {}, ['Ignored "techniques=1190": techniques are ATT&CK ids like T1190 or T1505.003']],
    ['?inview=yes', {}, ['Ignored "inview=yes": use inview=1 to show only the rows in view']],
    ['%E0%A4%A', {}, []],
    ['?clusters=%E0%A4%A', { clusters: ['\uFFFD%A'] }, []],
    ['&&==&=&q', {}, []],
  ];

  for (const [search, expected, notices] of cases) {
    it(`reads ${JSON.stringify(search)}`, () => {
      const result = decode(search);
      expect(result.state).toEqual(state(expected));
      expect(result.notices).toEqual(notices);
    });
  }

  it('keeps the valid parameters next to malformed ones', () => {
    const result = decode('?from=2020-Q5&to=2021&lang=fr&panel=B');
    expect(result.state).toEqual(state({ to: date('2021'), panel: 'B' }));
    expect(result.notices).toHaveLength(2);
  });

  it('shortens long values in notices', () => {
    const [notice] = decode(`?lang=${'x'.repeat(100)}`).notices;
    expect(notice).toBe(`Ignored "lang=${'x'.repeat(40)}…": the languages are en and it`);
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const result = decode(text);
        expect(Array.isArray(result.notices)).toBe(true);
      }),
      { numRuns: 500 },
    );
    const known = ['clusters', 'kinds', 'confidence', 'q', 'tools', 'techniques', 'inview', 'from', 'to', 'panel', 'event', 'lang', 'src', 'clusters-src'];
    const pair = fc.tuple(fc.constantFrom(...known), fc.string({ unit: 'binary', maxLength: 30 })).map(([k, v]) => `${k}=${v}`);
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 8 }), (pairs) => {
        const result = decode(`?${pairs.join('&')}`);
        expect(encodeUrlState(result.state)).toBeTypeOf('string');
      }),
      { numRuns: 500 },
    );
  });
});

describe('encodeUrlState', () => {
  it('writes nothing for the defaults', () => {
    expect(encodeUrlState(DEFAULT_URL_STATE)).toBe('');
  });

  it('writes the example link', () => {
    expect(encodeUrlState(state({ clusters: ['B'], panel: 'B', from: date('2020-Q1'), to: date('2021-Q1') }))).toBe(
      '?clusters=B&from=2020-Q1&to=2021-Q1&panel=B',
    );
  });

  it('writes the parameters in a stable order with readable commas', () => {
    const full = state({
      clustersSrc: 'https://example.org/c.csv',
      src: 'https://example.org/e.csv',
      lang: 'en',
      event: 'e1',
      panel: 'A',
      to: date('2021-03'),
      from: date('2020-Q1'),
      inView: true,
      techniques: ['T1190', 'T1505.003'],
      tools: ['China Chopper', 'PcShare'],
      query: 'web shell',
      confidence: ['high', 'unstated'],
      kinds: ['activity'],
      clusters: ['A', 'context'],
    });
    expect(encodeUrlState(full)).toBe(
      '?clusters=A,context&kinds=activity&confidence=high,unstated&q=web+shell&tools=China+Chopper,PcShare' +
        '&techniques=T1190,T1505.003&inview=1&from=2020-Q1&to=2021-03&panel=A&event=e1&lang=en' +
        '&src=https%3A%2F%2Fexample.org%2Fe.csv&clusters-src=https%3A%2F%2Fexample.org%2Fc.csv',
    );
  });

  it('writes an empty list (nothing shown) as an empty value', () => {
    expect(encodeUrlState(state({ clusters: [] }))).toBe('?clusters=');
  });

  it('never writes list items that contain commas, and only valid techniques', () => {
    expect(encodeUrlState(state({ tools: ['a,b', 'c'], techniques: ['t1190', 'nope'] }))).toBe('?tools=c&techniques=T1190');
  });

  it('leaves out a window that ends before it starts', () => {
    expect(encodeUrlState(state({ from: date('2021'), to: date('2019'), panel: 'A' }))).toBe('?panel=A');
  });
});

const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);
const ids = fc.uniqueArray(id, { maxLength: 5 });
const year = fc.integer({ min: 1900, max: 2199 });
const pad = (n: number) => String(n).padStart(2, '0');
const dateText = fc.oneof(
  year.map(String),
  fc.tuple(year, fc.integer({ min: 1, max: 4 })).map(([y, q]) => `${y}-Q${q}`),
  fc.tuple(year, fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${pad(m)}`),
  fc
    .date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2199, 11, 31)), noInvalidDate: true })
    .map((d) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`),
);
const sourceDate = fc.tuple(dateText, fc.boolean()).map(([text, approximate]) => date(toCsvDate(date((approximate ? '~' : '') + text))));
const techniqueId = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.option(fc.integer({ min: 0, max: 999 })))
  .map(([main, sub]) => `T${String(main).padStart(4, '0')}${sub === null ? '' : `.${String(sub).padStart(3, '0')}`}`);

const validState: fc.Arbitrary<UrlState> = fc
  .record({
    clusters: fc.option(ids),
    kinds: fc.option(ids),
    confidence: fc.option(fc.shuffledSubarray([...CONFIDENCE_FILTERS])),
    query: fc.string({ unit: 'binary', maxLength: 200 }).map((q) => q.trim()),
    tools: ids,
    techniques: fc.uniqueArray(techniqueId, { maxLength: 4 }),
    inView: fc.boolean(),
    window: fc.option(fc.tuple(fc.option(sourceDate), fc.option(sourceDate))),
    panel: fc.option(id),
    event: fc.option(id),
    lang: fc.option(fc.constantFrom('en' as const, 'it' as const)),
    src: fc.option(fc.webUrl({ withQueryParameters: true, withFragments: true })),
    clustersSrc: fc.option(fc.webUrl()),
  })
  .map(({ window, ...rest }) => {
    let [from, to] = window ?? [null, null];
    // A window that ends before it starts is not a valid state.
    if (from && to && to.latest <= from.earliest) [from, to] = [to, from];
    return { ...rest, from, to };
  });

describe('round trips', () => {
  it('decodes what it encodes, for hand-written states', () => {
    const states: UrlState[] = [
      DEFAULT_URL_STATE,
      state({ clusters: ['B'], panel: 'B', from: date('2020-Q1'), to: date('2021-Q1') }),
      state({ clusters: [], kinds: [], confidence: [] }),
      state({ confidence: ['unstated', 'low'], inView: true, lang: 'it' }),
      state({ query: 'Attività & "web shells" + 100% ,;=?#', tools: ['China Chopper', 'C++ tool', 'a&b=c'] }),
      state({ query: '🦊 日本語 ΑΒΓ', techniques: ['T1505', 'T1505.003'] }),
      state({ from: date('~2018'), to: null }),
      state({ from: null, to: date('2021-03-02') }),
      state({ src: 'https://example.org/data/events.csv?x=1&y=a,b#top', clustersSrc: 'data/clusters.csv' }),
      state({ event: 'x-act', panel: 'context' }),
    ];
    for (const s of states) expect(decodesCleanly(encodeUrlState(s))).toEqual(s);
  });

  it('decodes what it encodes, for any valid state', () => {
    fc.assert(
      fc.property(validState, (s) => {
        const { state: decoded, notices } = decode(encodeUrlState(s));
        expect(notices).toEqual([]);
        expect(decoded).toEqual(s);
      }),
      { numRuns: 1000 },
    );
  });

  it('encodes what it decodes, for any decoded state', () => {
    fc.assert(
      fc.property(validState, (s) => {
        const once = encodeUrlState(s);
        expect(encodeUrlState(decode(once).state)).toBe(once);
      }),
    );
  });
});

describe('windowToDates', () => {
  const utc = (year: number, month = 1, day = 1) => Date.UTC(year, month - 1, day);
  const texts = (from: number, to: number) => {
    const dates = windowToDates(from, to);
    return [toCsvDate(dates.from), toCsvDate(dates.to)];
  };

  it('names a window of more than about three years by years', () => {
    expect(texts(utc(2012, 3, 15), utc(2021, 8, 1))).toEqual(['2012', '2021']);
    expect(texts(utc(2018, 6), utc(2023, 1))).toEqual(['2018', '2022']);
  });

  it('names a window of more than about nine months by quarters', () => {
    expect(texts(utc(2020, 1), utc(2021, 4))).toEqual(['2020-Q1', '2021-Q1']);
    expect(texts(utc(2019, 11, 20), utc(2021, 2, 3))).toEqual(['2019-Q4', '2021-Q1']);
  });

  it('names a window of more than about two months by months', () => {
    expect(texts(utc(2021, 1, 10), utc(2021, 6, 1))).toEqual(['2021-01', '2021-05']);
  });

  it('names a shorter window by days', () => {
    expect(texts(utc(2021, 3, 1), utc(2021, 3, 15))).toEqual(['2021-03-01', '2021-03-14']);
    expect(texts(utc(2021, 3, 2) + 3_600_000, utc(2021, 3, 2) + 7_200_000)).toEqual(['2021-03-02', '2021-03-02']);
  });

  it('gives dates whose span covers the window and that survive a link', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: utc(1900), max: utc(2199, 12, 31) }),
        fc.integer({ min: 1, max: 60 * 365 * 86_400_000 }),
        (from, length) => {
          const to = Math.min(from + length, utc(2200));
          const dates = windowToDates(from, to);
          expect(dates.from.earliest).toBeLessThanOrEqual(from);
          expect(dates.to.latest).toBeGreaterThanOrEqual(to);
          const linked = decode(encodeUrlState(state(dates)));
          expect(linked.notices).toEqual([]);
          expect(linked.state.from).toEqual(dates.from);
          expect(linked.state.to).toEqual(dates.to);
        },
      ),
    );
  });

  it('clamps instants outside the years dates can name', () => {
    expect(texts(utc(1850), utc(1950))).toEqual(['1900', '1949']);
    expect(texts(utc(2150), utc(2300))).toEqual(['2150', '2199']);
  });
});

describe('decodeUrlState notice codes', () => {
  it('has no codes when there are no notices', () => {
    expect(decode('?clusters=B&from=2020-Q1&to=2021-Q1').noticeCodes).toEqual([]);
  });

  it('gives each notice as a code and values, in the same order as the English notices', () => {
    const result = decode('?clusters=,,&kinds=a,,b&confidence=high,sure&techniques=1190&inview=yes&from=2021-13&to=2019&lang=fr');
    expect(result.noticeCodes).toEqual([
      { code: 'listNamesNothing', params: { parameter: 'clusters', value: ',,' } },
      { code: 'listEmptyItems', params: { parameter: 'kinds', value: 'a,,b' } },
      { code: 'listSomeInvalid', params: { parameter: 'confidence', value: 'high,sure', items: ['sure'] } },
      { code: 'listAllInvalid', params: { parameter: 'techniques', value: '1190' } },
      { code: 'inViewInvalid', params: { value: 'yes' } },
      { code: 'dateMonthOutOfRange', params: { parameter: 'from', value: '2021-13', month: '13' } },
      { code: 'langUnknown', params: { value: 'fr' } },
    ]);
    expect(result.notices).toHaveLength(result.noticeCodes.length);
    expect(result.notices[5]).toBe('Ignored "from=2021-13": month 13 does not exist: months are 01 to 12');
  });

  it('names a reversed window and a shortened search', () => {
    expect(decode(`?from=2021&to=2019&q=${'a'.repeat(201)}`).noticeCodes).toEqual([
      { code: 'queryShortened', params: { max: 200 } },
      { code: 'windowReversed', params: { from: '2021', to: '2019' } },
    ]);
  });

  it('keeps values as the notices show them: cut to 40 characters', () => {
    const [notice] = decode(`?lang=${'x'.repeat(100)}`).noticeCodes;
    expect(notice).toEqual({ code: 'langUnknown', params: { value: `${'x'.repeat(40)}…` } });
  });
});
