/**
 * Why a text is not a date, in English and Italian: the phrase that follows a field's or a URL
 * parameter's name. Kept apart from the problem catalogue (./problem-messages.ts) because every
 * date parse needs the English phrase, so this small table loads with the page and the catalogue
 * only when problems or notices are shown.
 */

import type { DateReason, DateReasonCode, DateReasonParams, Lang } from '../model/dates';
import { applyTemplate, type Templates } from './templates';

/** One phrase builder per reason code, each given that code's parameters. */
export type DateReasonTemplates = Templates<DateReasonParams>;

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS_IT = [
  'gennaio',
  'febbraio',
  'marzo',
  'aprile',
  'maggio',
  'giugno',
  'luglio',
  'agosto',
  'settembre',
  'ottobre',
  'novembre',
  'dicembre',
];

const en: DateReasonTemplates = {
  dateEmpty: () => 'is empty',
  dateYearOutOfRange: ({ year, min, max }) => `year ${year} is outside ${min}–${max}`,
  dateQuarterOutOfRange: ({ quarter }) => `quarter Q${quarter} does not exist: quarters are Q1 to Q4`,
  dateMonthOutOfRange: ({ month }) => `month ${month} does not exist: months are 01 to 12`,
  dateDayOutOfRange: ({ day, year, month }) => `day ${day} does not exist in ${year}-${month}`,
  dateQuarterFirst: ({ suggestion }) => `quarters are written year first: ${suggestion}`,
  dateAmbiguous: ({ text, dayFirst, monthFirst }) =>
    `is ambiguous: ${text} could be day/month or month/day; write it as ${dayFirst} or ${monthFirst}`,
  dateWrongOrder: ({ day, month, year, suggestion }) =>
    `is not in year-month-day order; if you mean ${day} ${MONTHS_EN[month - 1] ?? month} ${year}, write ${suggestion}`,
  dateWrongSeparator: () => 'separate year, month and day with "-", not "/" or "."',
  dateTwoDigits: () => 'months and days take two digits (2021-03-02)',
  dateHasTime: () => 'times are not supported: keep only the date part (YYYY-MM-DD)',
  dateUnreadable: ({ text }) => `"${text}" is not a date: use YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD, optionally with a leading ~`,
};

const it: DateReasonTemplates = {
  dateEmpty: () => 'il valore è vuoto',
  dateYearOutOfRange: ({ year, min, max }) => `l’anno ${year} è fuori dall’intervallo ${min}–${max}`,
  dateQuarterOutOfRange: ({ quarter }) => `il trimestre Q${quarter} non esiste: i trimestri vanno da Q1 a Q4`,
  dateMonthOutOfRange: ({ month }) => `il mese ${month} non esiste: i mesi vanno da 01 a 12`,
  dateDayOutOfRange: ({ day, year, month }) => `il giorno ${day} non esiste nel mese ${year}-${month}`,
  dateQuarterFirst: ({ suggestion }) => `i trimestri si scrivono mettendo prima l’anno: ${suggestion}`,
  dateAmbiguous: ({ text, dayFirst, monthFirst }) =>
    `il valore è ambiguo: ${text} può essere giorno/mese o mese/giorno; scrivilo come ${dayFirst} o come ${monthFirst}`,
  dateWrongOrder: ({ day, month, year, suggestion }) =>
    `il valore non è nell’ordine anno-mese-giorno; se intendi il giorno ${day === 1 ? '1°' : day} ${MONTHS_IT[month - 1] ?? month} ${year}, scrivi ${suggestion}`,
  dateWrongSeparator: () => 'separa anno, mese e giorno con "-", non con "/" o "."',
  dateTwoDigits: () => 'mesi e giorni si scrivono con due cifre (2021-03-02)',
  dateHasTime: () => 'gli orari non sono supportati: tieni solo la data (AAAA-MM-GG)',
  dateUnreadable: ({ text }) => `"${text}" non è una data: usa AAAA, AAAA-Qn, AAAA-MM o AAAA-MM-GG, eventualmente preceduto da ~`,
};

/** Every reason's phrase, by language; a code missing from either language fails the type check. */
export const DATE_REASON_MESSAGES: Readonly<Record<Lang, DateReasonTemplates>> = { en, it };

/** Why a text is not a date, as a phrase that follows the field's or parameter's name. */
export function formatDateReason(reason: DateReason, lang: Lang): string {
  return applyTemplate(DATE_REASON_MESSAGES[lang], reason.code, reason.params);
}

/** True for the problems and notices that carry a date's reason (a start, end, from or to that is not a date). */
export function isDateReason<T extends { readonly code: string }>(item: T): item is Extract<T, { readonly code: DateReasonCode }> {
  return Object.hasOwn(en, item.code);
}
