/**
 * Dates as sources give them: a year, a quarter, a month or a day, possibly approximate.
 * Each value is kept as the UTC interval [earliest, latest) it stands for, plus its precision,
 * so that "2018" is never drawn or compared as if it meant 1 January 2018.
 * Nothing here uses local time: every instant is built in UTC (Date.UTC, or utcTime below).
 */


export type Precision = 'year' | 'quarter' | 'month' | 'day';

export interface SourceDate {
  /** Start of the interval the value stands for, ms since the epoch (UTC). */
  readonly earliest: number;
  /** End of that interval, exclusive. */
  readonly latest: number;
  readonly precision: Precision;
  /** Marked with a leading `~` in the CSV. */
  readonly approximate: boolean;
  readonly year: number;
  /** 1–4 for quarter precision. */
  readonly quarter?: number;
  /** 1–12 for month and day precision. */
  readonly month?: number;
  readonly day?: number;
}

/** The parameters of a reason that needs none. */
export type NoParams = Record<never, never>;

/**
 * Why a text is not a date, as a code and the values the explanation needs. Values taken from the
 * text are kept as written (`month: '13'`); `formatDateReason` turns a reason into a sentence.
 */
export interface DateReasonParams {
  dateEmpty: NoParams;
  dateYearOutOfRange: { year: number; min: number; max: number };
  dateQuarterOutOfRange: { quarter: number };
  dateMonthOutOfRange: { month: string };
  dateDayOutOfRange: { day: string; year: number; month: string };
  /** `suggestion`: the same quarter written year first, e.g. `2020-Q4`. */
  dateQuarterFirst: { suggestion: string };
  /** `dayFirst`/`monthFirst`: the value read as day/month and as month/day, in YYYY-MM-DD. */
  dateAmbiguous: { text: string; dayFirst: string; monthFirst: string };
  /** A slashed date that can only be read one way; `suggestion` is it in YYYY-MM-DD. */
  dateWrongOrder: { day: number; month: number; year: string; suggestion: string };
  dateWrongSeparator: NoParams;
  dateTwoDigits: NoParams;
  dateHasTime: NoParams;
  /** `text`: the value, cut to 40 characters. */
  dateUnreadable: { text: string };
}

export type DateReasonCode = keyof DateReasonParams;

export type DateReason = { [C in DateReasonCode]: { readonly code: C; readonly params: Readonly<DateReasonParams[C]> } }[DateReasonCode];

/** A failed parse: the reason as a code with its values; `formatDateReason` (src/i18n/date-reason-messages.ts) words it. */
export type DateParseFailure = { readonly ok: false } & DateReason;

export type DateParseResult = { readonly ok: true; readonly value: SourceDate } | DateParseFailure;

/** The marker for an end that is still ongoing at the data's cut-off. */
export const OPEN_END = '..';

const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

export function daysInMonth(year: number, month: number): number {
  // Date.UTC reads years 0–99 as 1900–1999; only those and months outside 1–12 need the Date object.
  if (year >= 100 && month >= 1 && month <= 12) return month === 2 ? (isLeapYear(year) ? 29 : 28) : DAYS_IN_MONTH[month - 1]!;
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAY_MS = 86_400_000;
/** Days from 1 January of year 1 to 1 January 1970, in the proleptic Gregorian calendar. */
const DAYS_BEFORE_1970 = 719_162;
/** Days in a common year before the first of each month. */
const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334] as const;

/**
 * `Date.UTC(year, month, day)` for a year of 100 or later, a month from 0 to 12 (12: January of
 * the next year) and a day from 1 to 32 (past the month's end: the next month), by integer
 * arithmetic: Date.UTC is a slow call, and a file can have 200,000 dates.
 */
export function utcTime(year: number, month: number, day: number): number {
  if (month === 12) return utcTime(year + 1, 0, day);
  const y = year - 1;
  const daysBeforeYear = 365 * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) - DAYS_BEFORE_1970;
  const leapDay = month >= 2 && isLeapYear(year) ? 1 : 0;
  return (daysBeforeYear + DAYS_BEFORE_MONTH[month]! + leapDay + day - 1) * DAY_MS;
}

function yearProblem(year: number): DateReason | null {
  return year < MIN_YEAR || year > MAX_YEAR ? { code: 'dateYearOutOfRange', params: { year, min: MIN_YEAR, max: MAX_YEAR } } : null;
}

function fail(why: DateReason): DateParseFailure {
  return { ok: false, ...why };
}

const NO_PARAMS: NoParams = {};

/** Parses one date cell (`2018`, `2020-Q4`, `2021-03`, `2021-03-02`, `~2021-Q1`). */
export function parseSourceDate(text: string): DateParseResult {
  const trimmed = text.trim();
  if (trimmed === '') return fail({ code: 'dateEmpty', params: NO_PARAMS });
  const approximate = trimmed.startsWith('~');
  const body = approximate ? trimmed.slice(1).trim() : trimmed;
  const shape = dateShape(body);
  if (shape === null) return fail(explainUnreadable(body, trimmed));
  const { year } = shape;
  const bad = yearProblem(year);
  if (bad) return fail(bad);
  switch (shape.precision) {
    case 'year':
      return ok({ earliest: utcTime(year, 0, 1), latest: utcTime(year + 1, 0, 1), precision: 'year', approximate, year });
    case 'quarter': {
      const quarter = shape.part;
      if (quarter < 1 || quarter > 4) return fail({ code: 'dateQuarterOutOfRange', params: { quarter } });
      const firstMonth = (quarter - 1) * 3;
      return ok({
        earliest: utcTime(year, firstMonth, 1),
        latest: utcTime(year, firstMonth + 3, 1),
        precision: 'quarter',
        approximate,
        year,
        quarter,
      });
    }
    case 'month': {
      const month = shape.part;
      if (month < 1 || month > 12) return fail({ code: 'dateMonthOutOfRange', params: { month: body.slice(5, 7) } });
      return ok({
        earliest: utcTime(year, month - 1, 1),
        latest: utcTime(year, month, 1),
        precision: 'month',
        approximate,
        year,
        month,
      });
    }
    case 'day': {
      const month = shape.part;
      const day = shape.day;
      if (month < 1 || month > 12) return fail({ code: 'dateMonthOutOfRange', params: { month: body.slice(5, 7) } });
      if (day < 1 || day > daysInMonth(year, month)) {
        return fail({ code: 'dateDayOutOfRange', params: { day: body.slice(8, 10), year, month: body.slice(5, 7) } });
      }
      return ok({
        earliest: utcTime(year, month - 1, day),
        latest: utcTime(year, month - 1, day + 1),
        precision: 'day',
        approximate,
        year,
        month,
        day,
      });
    }
  }
}

/** The numbers of a value written in one of the four forms, before any range check. */
interface DateShape {
  readonly precision: Precision;
  readonly year: number;
  /** The quarter, or the month (month and day forms); 0 for a year. */
  readonly part: number;
  /** The day; 0 unless the form is a day. */
  readonly day: number;
}

const ZERO = 48;
const DASH = 45;

/** The value of the ASCII digits text[from, from + count), or -1 when any of them is not one. */
function digitsAt(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * Which of the forms `YYYY`, `YYYY-Qn` (any case), `YYYY-MM` and `YYYY-MM-DD` the text has, read
 * character by character (as the patterns /^\d{4}$/, /^\d{4}-Q\d$/i, /^\d{4}-\d{2}$/ and
 * /^\d{4}-\d{2}-\d{2}$/ would, without their cost on every cell); null when it has none.
 */
function dateShape(text: string): DateShape | null {
  const length = text.length;
  if (length !== 4 && length !== 7 && length !== 10) return null;
  const year = digitsAt(text, 0, 4);
  if (year < 0) return null;
  if (length === 4) return { precision: 'year', year, part: 0, day: 0 };
  if (text.charCodeAt(4) !== DASH) return null;
  if (length === 7) {
    const q = text.charCodeAt(5);
    if (q === 81 /* Q */ || q === 113 /* q */) {
      const quarter = digitsAt(text, 6, 1);
      return quarter < 0 ? null : { precision: 'quarter', year, part: quarter, day: 0 };
    }
    const month = digitsAt(text, 5, 2);
    return month < 0 ? null : { precision: 'month', year, part: month, day: 0 };
  }
  const month = digitsAt(text, 5, 2);
  if (month < 0 || text.charCodeAt(7) !== DASH) return null;
  const day = digitsAt(text, 8, 2);
  return day < 0 ? null : { precision: 'day', year, part: month, day };
}

function ok(value: SourceDate): DateParseResult {
  return { ok: true, value };
}

/**
 * Says why a cell is not a date, naming the fix where the intent is clear and refusing to guess where it is not.
 * `body` is the value without its `~`, as a reason quotes it; `text` is the whole value.
 */
function explainUnreadable(body: string, text: string): DateReason {
  const quarterFirst = /^Q([1-4])[\s/-]+(\d{4})$/i.exec(body);
  if (quarterFirst) return { code: 'dateQuarterFirst', params: { suggestion: `${quarterFirst[2]}-Q${quarterFirst[1]}` } };
  const slashed = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(body);
  if (slashed) {
    const a = Number(slashed[1]);
    const b = Number(slashed[2]);
    const y = slashed[3]!;
    const year = Number(y);
    const badYear = yearProblem(year);
    if (badYear) return badYear;
    // Only a reading that is a real day is offered: 13/13/2020 or 31/02/2020 is neither order.
    const real = (day: number, month: number) => month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
    const dayFirst = real(a, b);
    const monthFirst = real(b, a);
    if (dayFirst && monthFirst && a !== b) {
      return { code: 'dateAmbiguous', params: { text: body, dayFirst: `${y}-${pad(b)}-${pad(a)}`, monthFirst: `${y}-${pad(a)}-${pad(b)}` } };
    }
    if (dayFirst || monthFirst) {
      const [day, month] = dayFirst ? [a, b] : [b, a];
      return { code: 'dateWrongOrder', params: { day, month, year: y, suggestion: `${y}-${pad(month)}-${pad(day)}` } };
    }
    return { code: 'dateUnreadable', params: { text: truncate(body, 40) } };
  }
  if (/^\d{4}[/.]\d{1,2}([/.]\d{1,2})?$/.test(body)) return { code: 'dateWrongSeparator', params: NO_PARAMS };
  if (/^\d{4}-\d-/.test(body) || /^\d{4}-\d$/.test(body) || /^\d{4}-\d{2}-\d$/.test(body)) {
    return { code: 'dateTwoDigits', params: NO_PARAMS };
  }
  // 2021-03-02T10:00Z, and 2021-03-02 10:00:00 as spreadsheets write a date with a time.
  if (/^\d{4}-\d{2}-\d{2}(?:T|\s+\d{1,2}:\d{2})/.test(body)) return { code: 'dateHasTime', params: NO_PARAMS };
  // A lone "~" has no body to quote: the reason quotes the "~" itself rather than "".
  return { code: 'dateUnreadable', params: { text: truncate(body || text, 40) } };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export type EndParseResult = { readonly ok: true; readonly value: SourceDate | 'open' | null } | DateParseFailure;

/** Parses an end cell: empty means a point in time, `..` means ongoing at the data's cut-off. */
export function parseEndDate(text: string): EndParseResult {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: null };
  if (trimmed === OPEN_END) return { ok: true, value: 'open' };
  const parsed = parseSourceDate(trimmed);
  return parsed.ok ? { ok: true, value: parsed.value } : parsed;
}

/** Writes a value back in the CSV syntax; parseSourceDate(toCsvDate(d)) gives d again. */
export function toCsvDate(date: SourceDate): string {
  const prefix = date.approximate ? '~' : '';
  switch (date.precision) {
    case 'year':
      return `${prefix}${date.year}`;
    case 'quarter':
      return `${prefix}${date.year}-Q${date.quarter}`;
    case 'month':
      return `${prefix}${date.year}-${pad(date.month!)}`;
    case 'day':
      return `${prefix}${date.year}-${pad(date.month!)}-${pad(date.day!)}`;
  }
}

export type Lang = 'en' | 'it';

const MONTHS: Record<Lang, readonly string[]> = {
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  it: ['gen', 'feb', 'mar', 'apr', 'mag', 'giu', 'lug', 'ago', 'set', 'ott', 'nov', 'dic'],
};

const WORDS: Record<Lang, { quarter: string; approximately: string; ongoing: string }> = {
  en: { quarter: 'Q', approximately: 'c. ', ongoing: 'ongoing' },
  it: { quarter: 'T', approximately: 'ca. ', ongoing: 'in corso' },
};

/** Formats a value the way a source says it: "2018", "Q4 2020", "Mar 2021", "2 Mar 2021" (Italian: "T4 2020", "2 mar 2021"). */
export function formatSourceDate(date: SourceDate, lang: Lang = 'en'): string {
  const prefix = date.approximate ? WORDS[lang].approximately : '';
  switch (date.precision) {
    case 'year':
      return `${prefix}${date.year}`;
    case 'quarter':
      return `${prefix}${WORDS[lang].quarter}${date.quarter} ${date.year}`;
    case 'month':
      return `${prefix}${MONTHS[lang][date.month! - 1]} ${date.year}`;
    case 'day':
      return `${prefix}${date.day} ${MONTHS[lang][date.month! - 1]} ${date.year}`;
  }
}

/** Formats a start–end pair: a point, a range, or a range that is still ongoing. */
export function formatDateRange(start: SourceDate, end: SourceDate | 'open' | null, lang: Lang = 'en'): string {
  const from = formatSourceDate(start, lang);
  if (end === null) return from;
  if (end === 'open') return `${from} – ${WORDS[lang].ongoing}`;
  const to = formatSourceDate(end, lang);
  return from === to ? from : `${from} – ${to}`;
}

/** The calendar quarter (1–4) of a UTC instant. */
export function quarterOf(time: number): number {
  return Math.floor(new Date(time).getUTCMonth() / 3) + 1;
}

/** A UTC instant as the coarsest SourceDate that still names it exactly (used for view windows in the URL). */
export function sourceDateAt(time: number, precision: Precision): SourceDate {
  const d = new Date(time);
  const year = d.getUTCFullYear();
  const text =
    precision === 'year'
      ? `${year}`
      : precision === 'quarter'
        ? `${year}-Q${quarterOf(time)}`
        : precision === 'month'
          ? `${year}-${pad(d.getUTCMonth() + 1)}`
          : `${year}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const parsed = parseSourceDate(text);
  if (!parsed.ok) throw new RangeError(`cannot represent ${new Date(time).toISOString()}: ${parsed.code} ${JSON.stringify(parsed.params)}`);
  return parsed.value;
}
