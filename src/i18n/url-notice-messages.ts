/**
 * Why (part of) a URL parameter was ignored, in English and Italian. The URL codec hands out codes
 * and values only (`decodeUrlState(…).noticeCodes`); this table loads when a link has something to
 * ignore and the page shows the notices, and with the loader's problem catalogue (./problem-messages.ts).
 * Values from the link (parameter values, items) are inserted as they are, never translated; so
 * are the URL syntax words (high, inview=1).
 */

import type { Lang } from '../model/dates';
import type { CheckedListParameter, ListParameter, UrlNotice, UrlNoticeParamsByCode } from '../state/url-codec';
import { DATE_REASONS_EN, isDateReason, type DateReasonTemplates } from './date-reason-messages';
import { DATE_REASONS_IT } from './date-reason-messages.it';
import { applyTemplate, type Templates } from './templates';

/** One sentence builder per notice code, each given that code's parameters. */
export type UrlNoticeTemplates = Templates<UrlNoticeParamsByCode>;

export interface UrlNoticeCatalogue {
  /** A `from` or `to` parameter that is not a date. */
  readonly dateNotice: (parameter: string, value: string, reason: string) => string;
  readonly notice: UrlNoticeTemplates;
}

/** `"a", "b"` */
export const quotedList = (items: readonly string[]) => items.map((item) => `"${item}"`).join(', ');

const LIST_NONE_EN: Record<ListParameter, string> = {
  clusters: 'clusters',
  kinds: 'kinds',
  confidence: 'confidence levels',
  tools: 'tools',
  techniques: 'techniques',
};
const LIST_NONE_IT: Record<ListParameter, string> = {
  clusters: 'nessun cluster',
  kinds: 'nessun tipo',
  confidence: 'nessun livello di affidabilità',
  tools: 'nessuno strumento',
  techniques: 'nessuna tecnica',
};
const LIST_RULE_EN: Record<CheckedListParameter, string> = {
  confidence: 'confidence is high, moderate, low or unstated',
  techniques: 'techniques are ATT&CK ids like T1190 or T1505.003',
};
const LIST_RULE_IT: Record<CheckedListParameter, string> = {
  confidence: 'l’affidabilità può essere high, moderate, low o unstated',
  techniques: 'le tecniche sono ID ATT&CK come T1190 o T1505.003',
};

const en: UrlNoticeCatalogue = {
  dateNotice: (parameter, value, reason) => `Ignored "${parameter}=${value}": ${reason}`,
  notice: {
    listNamesNothing: ({ parameter, value }) => `Ignored "${parameter}=${value}": it names no ${LIST_NONE_EN[parameter]}`,
    listEmptyItems: ({ parameter, value }) => `Ignored the empty items in "${parameter}=${value}"`,
    listAllInvalid: ({ parameter, value }) => `Ignored "${parameter}=${value}": ${LIST_RULE_EN[parameter]}`,
    listSomeInvalid: ({ parameter, value, items }) => `Ignored ${quotedList(items)} in "${parameter}=${value}": ${LIST_RULE_EN[parameter]}`,
    queryShortened: ({ max }) => `Shortened the search "q" to its first ${max} characters`,
    inViewInvalid: ({ value }) => `Ignored "inview=${value}": use inview=1 to show only the rows in view`,
    windowReversed: ({ from, to }) => `Ignored "from=${from}" and "to=${to}": the window ends before it starts`,
    langUnknown: ({ value }) => `Ignored "lang=${value}": the languages are en and it`,
  },
};

const it: UrlNoticeCatalogue = {
  dateNotice: (parameter, value, reason) => `Ignorato "${parameter}=${value}": ${reason}`,
  notice: {
    listNamesNothing: ({ parameter, value }) => `Ignorato "${parameter}=${value}": non indica ${LIST_NONE_IT[parameter]}`,
    listEmptyItems: ({ parameter, value }) => `Ignorati gli elementi vuoti in "${parameter}=${value}"`,
    listAllInvalid: ({ parameter, value }) => `Ignorato "${parameter}=${value}": ${LIST_RULE_IT[parameter]}`,
    listSomeInvalid: ({ parameter, value, items }) =>
      `${items.length > 1 ? 'Ignorati' : 'Ignorato'} ${quotedList(items)} in "${parameter}=${value}": ${LIST_RULE_IT[parameter]}`,
    queryShortened: ({ max }) => `La ricerca "q" è stata accorciata ai primi ${max} caratteri`,
    inViewInvalid: ({ value }) => `Ignorato "inview=${value}": usa inview=1 per mostrare solo le righe visibili`,
    windowReversed: ({ from, to }) => `Ignorati "from=${from}" e "to=${to}": il periodo finisce prima di cominciare`,
    langUnknown: ({ value }) => `Ignorato "lang=${value}": le lingue disponibili sono en e it`,
  },
};

/** Every notice, by language; a code missing from either language fails the type check. */
export const URL_NOTICE_MESSAGES: Readonly<Record<Lang, UrlNoticeCatalogue>> = { en, it };

/** The date phrases, both languages here: notices are worded without waiting for the Italian UI (./language.ts). */
const DATE_REASONS: Readonly<Record<Lang, DateReasonTemplates>> = { en: DATE_REASONS_EN, it: DATE_REASONS_IT };

/** Why (part of) a URL parameter was ignored, in the UI's language. */
export function formatNotice(notice: UrlNotice, lang: Lang): string {
  const catalogue = URL_NOTICE_MESSAGES[lang];
  if (isDateReason(notice)) {
    const reason = applyTemplate(DATE_REASONS[lang], notice.code, notice.params);
    return catalogue.dateNotice(notice.params.parameter, notice.params.value, reason);
  }
  return applyTemplate(catalogue.notice, notice.code, notice.params);
}

/** All of a decoded link's notices (`decodeUrlState(…).noticeCodes`), in the UI's language, in order. */
export function formatNotices(notices: readonly UrlNotice[], lang: Lang): string[] {
  return notices.map((notice) => formatNotice(notice, lang));
}
