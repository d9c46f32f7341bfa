import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDateReason } from '../../../src/i18n/date-reason-messages';
import {
  formatDateRange,
  formatSourceDate,
  parseEndDate,
  parseSourceDate,
  sourceDateAt,
  toCsvDate,
  utcTime,
  type SourceDate,
} from '../../../src/model/dates';

function parse(text: string): SourceDate {
  const result = parseSourceDate(text);
  if (!result.ok) throw new Error(`expected ${text} to parse: ${formatDateReason(result, 'en')}`);
  return result.value;
}

function reasonFor(text: string): string {
  const result = parseSourceDate(text);
  if (result.ok) throw new Error(`expected ${text} to be rejected`);
  return formatDateReason(result, 'en');
}

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

describe('the test environment', () => {
  it('runs in a time zone other than UTC, so local-time maths would show', () => {
    expect(new Date(2021, 0, 1).getTimezoneOffset()).not.toBe(0);
  });
});

describe('parseSourceDate', () => {
  it('reads a year as the whole year', () => {
    const d = parse('2018');
    expect(d.precision).toBe('year');
    expect(iso(d.earliest)).toBe('2018-01-01');
    expect(iso(d.latest)).toBe('2019-01-01');
    expect(d.approximate).toBe(false);
  });

  it('reads each quarter as its three months', () => {
    const expected = [
      ['2020-Q1', '2020-01-01', '2020-04-01'],
      ['2020-Q2', '2020-04-01', '2020-07-01'],
      ['2020-Q3', '2020-07-01', '2020-10-01'],
      ['2020-Q4', '2020-10-01', '2021-01-01'],
    ];
    for (const [text, from, to] of expected) {
      const d = parse(text!);
      expect(d.precision).toBe('quarter');
      expect([iso(d.earliest), iso(d.latest)]).toEqual([from, to]);
    }
    expect(parse('2021-q1').quarter).toBe(1);
  });

  it('reads a month, including December into the next year', () => {
    const d = parse('2021-12');
    expect(d.precision).toBe('month');
    expect([iso(d.earliest), iso(d.latest)]).toEqual(['2021-12-01', '2022-01-01']);
  });

  it('reads a day as 24 UTC hours', () => {
    const d = parse('2021-03-02');
    expect(d.precision).toBe('day');
    expect(d.earliest).toBe(Date.UTC(2021, 2, 2));
    expect(d.latest - d.earliest).toBe(86_400_000);
  });

  it('accepts 29 February only in leap years', () => {
    expect(parse('2020-02-29').day).toBe(29);
    expect(reasonFor('2021-02-29')).toMatch(/day 29 does not exist in 2021-02/);
  });

  it('marks a leading ~ as approximate, at any precision', () => {
    for (const text of ['~2021', '~2021-Q1', '~2021-03', '~2021-03-02', '~ 2021']) {
      expect(parse(text).approximate).toBe(true);
    }
  });

  it('rejects malformed values with a reason a person understands', () => {
    expect(reasonFor('2021-13-01')).toMatch(/month 13 does not exist/);
    expect(reasonFor('2021-13')).toMatch(/month 13 does not exist/);
    expect(reasonFor('2020-Q5')).toMatch(/Q5 does not exist/);
    expect(reasonFor('Q4 2020')).toMatch(/2020-Q4/);
    expect(reasonFor('yesterday')).toMatch(/not a date/);
    expect(reasonFor('2021-02-30')).toMatch(/day 30 does not exist/);
    expect(reasonFor('')).toMatch(/empty/);
    expect(reasonFor('0999')).toMatch(/outside/);
    expect(reasonFor('2021/03/02')).toMatch(/separate year, month and day with "-"/);
    expect(reasonFor('2021-3-2')).toMatch(/two digits/);
    expect(reasonFor('2021-03-02T10:00:00Z')).toMatch(/times are not supported/);
  });

  it('refuses to guess between day/month and month/day', () => {
    expect(reasonFor('03/04/2020')).toMatch(/ambiguous.*2020-04-03 or 2020-03-04/);
  });

  it('names the fix when a slashed date can only be read one way', () => {
    expect(reasonFor('31/12/2020')).toMatch(/31 Dec 2020, write 2020-12-31/);
    expect(reasonFor('12/31/2020')).toMatch(/2020-12-31/);
  });
});

describe('utcTime (Date.UTC by integer arithmetic)', () => {
  it('gives what Date.UTC gives, for every year the dates allow and beyond, months 0–12 and days 1–32', () => {
    const differences: string[] = [];
    for (let year = 1890; year <= 2210; year++) {
      for (let month = 0; month <= 12; month++) {
        for (let day = 1; day <= 32; day++) {
          if (utcTime(year, month, day) !== Date.UTC(year, month, day)) differences.push(`${year} ${month} ${day}`);
        }
      }
    }
    expect(differences).toEqual([]);
  });

  it('holds for any year from 100 on (property-based)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 275_000 }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 1, max: 32 }),
        (year, month, day) => utcTime(year, month, day) === Date.UTC(year, month, day),
      ),
      { numRuns: 20_000 },
    );
  });
});

describe('parseEndDate', () => {
  it('reads empty as a point, .. as ongoing and anything else as a date', () => {
    expect(parseEndDate('')).toEqual({ ok: true, value: null });
    expect(parseEndDate(' .. ')).toEqual({ ok: true, value: 'open' });
    const end = parseEndDate('2021-Q1');
    expect(end.ok && end.value !== null && end.value !== 'open' && end.value.precision).toBe('quarter');
    expect(parseEndDate('soon').ok).toBe(false);
  });
});

describe('formatSourceDate', () => {
  it('says a date the way a source says it, in English', () => {
    expect(formatSourceDate(parse('2018'))).toBe('2018');
    expect(formatSourceDate(parse('2020-Q4'))).toBe('Q4 2020');
    expect(formatSourceDate(parse('2021-03'))).toBe('Mar 2021');
    expect(formatSourceDate(parse('2021-03-02'))).toBe('2 Mar 2021');
    expect(formatSourceDate(parse('~2021-Q1'))).toBe('c. Q1 2021');
  });

  it('says it the Italian way', () => {
    expect(formatSourceDate(parse('2018'), 'it')).toBe('2018');
    expect(formatSourceDate(parse('2020-Q4'), 'it')).toBe('T4 2020');
    expect(formatSourceDate(parse('2021-03'), 'it')).toBe('mar 2021');
    expect(formatSourceDate(parse('2021-03-02'), 'it')).toBe('2 mar 2021');
    expect(formatSourceDate(parse('2021-05-14'), 'it')).toBe('14 mag 2021');
    expect(formatSourceDate(parse('~2021-Q1'), 'it')).toBe('ca. T1 2021');
  });

  it('formats ranges, points and open ends', () => {
    expect(formatDateRange(parse('2018'), parse('2021-Q1'))).toBe('2018 – Q1 2021');
    expect(formatDateRange(parse('2012'), 'open')).toBe('2012 – ongoing');
    expect(formatDateRange(parse('2012'), 'open', 'it')).toBe('2012 – in corso');
    expect(formatDateRange(parse('2021-03-02'), null, 'it')).toBe('2 mar 2021');
    expect(formatDateRange(parse('2020-Q4'), parse('2020-Q4'))).toBe('Q4 2020');
  });
});

describe('sourceDateAt', () => {
  it('names the unit that contains an instant', () => {
    const t = Date.UTC(2020, 10, 15, 23, 59);
    expect(toCsvDate(sourceDateAt(t, 'year'))).toBe('2020');
    expect(toCsvDate(sourceDateAt(t, 'quarter'))).toBe('2020-Q4');
    expect(toCsvDate(sourceDateAt(t, 'month'))).toBe('2020-11');
    expect(toCsvDate(sourceDateAt(t, 'day'))).toBe('2020-11-15');
  });
});

const anyDate = fc.oneof(
  fc.record({ precision: fc.constant('year' as const), year: fc.integer({ min: 1900, max: 2199 }) }),
  fc.record({ precision: fc.constant('quarter' as const), year: fc.integer({ min: 1900, max: 2199 }), quarter: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ precision: fc.constant('month' as const), year: fc.integer({ min: 1900, max: 2199 }), month: fc.integer({ min: 1, max: 12 }) }),
  fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2199, 11, 31)), noInvalidDate: true }).map((d) => ({
    precision: 'day' as const,
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
  })),
);

function csvText(d: { precision: string; year: number; quarter?: number; month?: number; day?: number }): string {
  const p = (n: number) => String(n).padStart(2, '0');
  if (d.precision === 'year') return `${d.year}`;
  if (d.precision === 'quarter') return `${d.year}-Q${d.quarter}`;
  if (d.precision === 'month') return `${d.year}-${p(d.month!)}`;
  return `${d.year}-${p(d.month!)}-${p(d.day!)}`;
}

describe('round trips (property-based)', () => {
  it('parse → toCsvDate gives back the text, with or without ~', () => {
    fc.assert(
      fc.property(anyDate, fc.boolean(), (d, approximate) => {
        const text = (approximate ? '~' : '') + csvText(d);
        expect(toCsvDate(parse(text))).toBe(text);
      }),
    );
  });

  it('every value is a non-empty interval that starts at UTC midnight and contains sourceDateAt of its start', () => {
    fc.assert(
      fc.property(anyDate, (d) => {
        const value = parse(csvText(d));
        expect(value.latest).toBeGreaterThan(value.earliest);
        expect(value.earliest % 86_400_000 === 0).toBe(true);
        const again = sourceDateAt(value.earliest, value.precision);
        expect([again.earliest, again.latest]).toEqual([value.earliest, value.latest]);
      }),
    );
  });

  it('formatting never throws and keeps the year, in both languages', () => {
    fc.assert(
      fc.property(anyDate, fc.constantFrom('en' as const, 'it' as const), (d, lang) => {
        expect(formatSourceDate(parse(csvText(d)), lang)).toContain(String(d.year));
      }),
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const result = parseSourceDate(text);
        expect(typeof result.ok).toBe('boolean');
      }),
    );
  });
});

describe('parse failures as codes', () => {
  function failure(text: string) {
    const result = parseSourceDate(text);
    if (result.ok) throw new Error(`expected ${text} to be rejected`);
    return { code: result.code, params: result.params };
  }

  it('name each reason with a code and the values its sentence needs, as written', () => {
    expect(failure('')).toEqual({ code: 'dateEmpty', params: {} });
    expect(failure('0999')).toEqual({ code: 'dateYearOutOfRange', params: { year: 999, min: 1900, max: 2199 } });
    expect(failure('2020-Q5')).toEqual({ code: 'dateQuarterOutOfRange', params: { quarter: 5 } });
    expect(failure('2021-13')).toEqual({ code: 'dateMonthOutOfRange', params: { month: '13' } });
    expect(failure('2021-00-01')).toEqual({ code: 'dateMonthOutOfRange', params: { month: '00' } });
    expect(failure('2021-02-30')).toEqual({ code: 'dateDayOutOfRange', params: { day: '30', year: 2021, month: '02' } });
    expect(failure('Q4 2020')).toEqual({ code: 'dateQuarterFirst', params: { suggestion: '2020-Q4' } });
    expect(failure('03/04/2020')).toEqual({ code: 'dateAmbiguous', params: { text: '03/04/2020', dayFirst: '2020-04-03', monthFirst: '2020-03-04' } });
    expect(failure('31/12/2020')).toEqual({ code: 'dateWrongOrder', params: { day: 31, month: 12, year: '2020', suggestion: '2020-12-31' } });
    expect(failure('2021/03/02')).toEqual({ code: 'dateWrongSeparator', params: {} });
    expect(failure('2021-3-2')).toEqual({ code: 'dateTwoDigits', params: {} });
    expect(failure('2021-03-02T10:00:00Z')).toEqual({ code: 'dateHasTime', params: {} });
    expect(failure(`~${'x'.repeat(50)}`)).toEqual({ code: 'dateUnreadable', params: { text: `${'x'.repeat(40)}…` } });
  });

  it('gives an end cell the same code as a start cell', () => {
    const end = parseEndDate('2021-13');
    expect(end.ok).toBe(false);
    expect(!end.ok && [end.code, end.params, formatDateReason(end, 'en')]).toEqual(['dateMonthOutOfRange', { month: '13' }, 'month 13 does not exist: months are 01 to 12']);
  });
});
