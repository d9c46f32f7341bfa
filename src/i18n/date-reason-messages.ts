/**
 * Why a text is not a date, in English: the phrase that follows a field's or a URL parameter's
 * name. Kept apart from the problem catalogue (./problem-messages.ts) because every date parse
 * needs the English phrase, so this small table loads with the page and the catalogue only when
 * problems or notices are shown. The Italian phrases (./date-reason-messages.it.ts) load with the
 * rest of the Italian UI (./language.ts) and with the catalogues that word problems and notices.
 */

import type { DateReason, DateReasonCode, DateReasonParams, Lang } from '../model/dates';
import { applyTemplate, type Templates } from './templates';

/** One phrase builder per reason code, each given that code's parameters. */
export type DateReasonTemplates = Templates<DateReasonParams>;

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

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


/** Every reason's phrase in English; the Italian ones (./date-reason-messages.it.ts) are checked against these types. */
export const DATE_REASONS_EN: DateReasonTemplates = en;

/** The phrases of the languages loaded so far: English always, Italian once ./italian.ts has run. */
const phrases: Partial<Record<Lang, DateReasonTemplates>> = { en };

/** Adds a language's phrases (./italian.ts calls this for Italian). */
export function registerDateReasons(lang: Lang, templates: DateReasonTemplates): void {
  phrases[lang] = templates;
}

/**
 * Why a text is not a date, as a phrase that follows the field's or parameter's name; in English
 * while `lang`'s phrases are not loaded (see ./language.ts).
 */
export function formatDateReason(reason: DateReason, lang: Lang): string {
  return applyTemplate(phrases[lang] ?? en, reason.code, reason.params);
}

/** True for the problems and notices that carry a date's reason (a start, end, from or to that is not a date). */
export function isDateReason<T extends { readonly code: string }>(item: T): item is Extract<T, { readonly code: DateReasonCode }> {
  return Object.hasOwn(en, item.code);
}
