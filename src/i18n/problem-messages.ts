/**
 * The loader's problems, the reasons a date cannot be read and the URL notices, in English and
 * Italian. Each is a code plus the values its sentence needs; the English sentences are the
 * `message`/`reason`/`notices` strings the loader and the URL codec hand out.
 * Values from the user's data or link (cell text, column and file names, parameter values) are
 * inserted as they are, never translated; so are the CSV and URL syntax words (high, true, Q1).
 */

import type { DateReason, DateReasonCode, DateReasonParams, Lang } from '../model/dates';
import type { Problem, ProblemDetail, ProblemParamsByCode } from '../model/types';
import type { CheckedListParameter, ListParameter, UrlNotice, UrlNoticeParamsByCode } from '../state/url-codec';

/** One sentence builder per code, each given that code's parameters. */
type Templates<P> = { readonly [C in keyof P]: (params: Readonly<P[C]>) => string };

export interface ProblemCatalogue {
  /** Why a text is not a date: a phrase that follows the field's or parameter's name. */
  readonly date: Templates<DateReasonParams>;
  /** A start or end cell that is not a date. */
  readonly dateProblem: (field: string, reason: string) => string;
  readonly problem: Templates<ProblemParamsByCode>;
  /** A `from` or `to` parameter that is not a date. */
  readonly dateNotice: (parameter: string, value: string, reason: string) => string;
  readonly notice: Templates<UrlNoticeParamsByCode>;
}

const quoted = (text: string) => `"${text}"`;
const quotedList = (items: readonly string[]) => items.map(quoted).join(', ');

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

/** `"a" is not …; ignored` / `"a", "b" are not …; ignored` */
const rejectedEn = (items: readonly string[], one: string, many: string) =>
  items.length > 1 ? `${quotedList(items)} are not ${many}; ignored` : `${quotedList(items)} is not ${one}; ignored`;
/** `"a" non è …; ignorato` / `"a", "b" non sono …; ignorati` */
const rejectedIt = (items: readonly string[], one: string, many: string) =>
  items.length > 1 ? `${quotedList(items)} non sono ${many}; ignorati` : `${quotedList(items)} non è ${one}; ignorato`;

const en: ProblemCatalogue = {
  date: {
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
  },
  dateProblem: (field, reason) => `${field} ${reason}; the row is skipped`,
  problem: {
    csvUnclosedQuote: () => 'a quoted cell is never closed: check for a missing " (the rest of the file may have been read as one cell)',
    csvStrayQuote: () => 'a cell has a stray " : quotes inside a cell must be doubled ("")',
    csvUnreadableRow: ({ detail }) => `the row could not be read (${detail})`,
    notUtf8: ({ cell, more }) =>
      `"${cell}" has characters that could not be read (shown as \uFFFD): the file does not look like UTF-8 text. Save it again as UTF-8 (in Excel: "CSV UTF-8") and load it again${more > 0 ? `; ${more} more ${more === 1 ? 'row has' : 'rows have'} unreadable characters` : ''}`,
    fileEmpty: () => 'the file is empty: it has no header row and no data',
    headerOnly: () => 'the file has a header but no data rows',
    duplicateColumn: ({ column }) => `the column "${column}" appears twice; only the first one is read`,
    missingColumn: ({ column, found }) =>
      `the required column "${column}" is missing from the header, so no row can be read (columns found: ${found.join(', ') || 'none'})`,
    unknownColumns: ({ columns, more }) =>
      `${columns.length + more === 1 ? 'this column is' : 'these columns are'} not part of the schema and ignored: ${quotedList(columns)}${more > 0 ? ` and ${more} more` : ''}`,
    rowTooLong: ({ cells, width }) =>
      `the row has ${cells} cells but the header has ${width}, so its cells may be shifted (an unquoted comma or delimiter?); the row is skipped`,
    rowTooShort: ({ cells, width }) =>
      `the row has ${cells} ${cells === 1 ? 'cell' : 'cells'} but the header has ${width}; the missing cells are read as empty`,
    requiredEmpty: ({ column }) => `${column} is required but empty; the row is skipped`,
    duplicateEventId: ({ id, firstRow }) => `the id "${id}" is already used on row ${firstRow}; ids must be unique, so this row is skipped`,
    duplicateClusterId: ({ id, firstRow }) => `the id "${id}" is already used on row ${firstRow}; the row is skipped`,
    endBeforeStart: ({ start, end }) => `end (${end}) is before start (${start}); the row is skipped`,
    confidenceInvalid: ({ value }) =>
      `"${value}" is not a confidence: use high, moderate or low (or leave it empty); it is shown as unstated`,
    contestedInvalid: ({ value }) => `contested "${value}" is not true or false; it is read as not contested`,
    urlNotFull: ({ value }) => `"${value}" is not a full URL (it must start with https:// or http://); it is not linked`,
    urlScheme: ({ scheme }) => `only http(s) links are shown; the ${scheme} link was dropped`,
    colorInvalid: ({ value }) => `"${value}" is not a hex colour like #0072b2; the palette colour is used`,
    techniqueInvalid: ({ items }) =>
      rejectedEn(items, 'an ATT&CK technique ID like T1190 or T1505.003', 'ATT&CK technique IDs like T1190 or T1505.003'),
    cveInvalid: ({ items }) => rejectedEn(items, 'a CVE ID like CVE-2021-26855', 'CVE IDs like CVE-2021-26855'),
    groupInvalid: ({ items }) => rejectedEn(items, 'an ATT&CK group ID like G0093', 'ATT&CK group IDs like G0093'),
    clusterReserved: ({ id }) => `"${id}" is reserved for background events that belong to no cluster; the row is skipped`,
    clusterUnknown: ({ cluster, clustersFile }) =>
      `the cluster "${cluster}" is not in ${clustersFile}; its events are shown in a lane of their own`,
  },
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

const it: ProblemCatalogue = {
  date: {
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
  },
  dateProblem: (field, reason) => `${field}: ${reason}; la riga viene scartata`,
  problem: {
    csvUnclosedQuote: () =>
      'una cella tra virgolette non viene mai chiusa: controlla che non manchi un " (il resto del file potrebbe essere stato letto come un’unica cella)',
    csvStrayQuote: () => 'una cella contiene un " fuori posto: le virgolette dentro una cella vanno raddoppiate ("")',
    csvUnreadableRow: ({ detail }) => `non è stato possibile leggere la riga (${detail})`,
    notUtf8: ({ cell, more }) =>
      `"${cell}" contiene caratteri che non è stato possibile leggere (mostrati come \uFFFD): il file non sembra un testo UTF-8. Salvalo di nuovo come UTF-8 (in Excel: «CSV UTF-8») e caricalo di nuovo${more > 0 ? `; ${more === 1 ? 'anche 1 altra riga contiene' : `altre ${more} righe contengono`} caratteri illeggibili` : ''}`,
    fileEmpty: () => 'il file è vuoto: non ha né una riga di intestazione né dati',
    headerOnly: () => 'il file ha un’intestazione ma nessuna riga di dati',
    duplicateColumn: ({ column }) => `la colonna "${column}" compare due volte; viene letta solo la prima`,
    missingColumn: ({ column, found }) =>
      `nell’intestazione manca la colonna obbligatoria "${column}", quindi nessuna riga può essere letta (colonne trovate: ${found.join(', ') || 'nessuna'})`,
    unknownColumns: ({ columns, more }) =>
      columns.length + more === 1
        ? `questa colonna non fa parte dello schema e viene ignorata: ${quotedList(columns)}`
        : `queste colonne non fanno parte dello schema e vengono ignorate: ${quotedList(columns)}${more > 0 ? ` e altre ${more}` : ''}`,
    rowTooLong: ({ cells, width }) =>
      `la riga ha ${cells} celle ma l’intestazione ne ha ${width}, quindi le sue celle potrebbero essere sfasate (una virgola o un separatore non racchiuso tra virgolette?); la riga viene scartata`,
    rowTooShort: ({ cells, width }) =>
      `la riga ha ${cells} ${cells === 1 ? 'cella' : 'celle'} ma l’intestazione ne ha ${width}; le celle mancanti sono lette come vuote`,
    requiredEmpty: ({ column }) => `la cella ${column} è obbligatoria ma è vuota; la riga viene scartata`,
    duplicateEventId: ({ id, firstRow }) =>
      `l’id "${id}" è già usato alla riga ${firstRow}; gli id devono essere unici, quindi questa riga viene scartata`,
    duplicateClusterId: ({ id, firstRow }) => `l’id "${id}" è già usato alla riga ${firstRow}; la riga viene scartata`,
    endBeforeStart: ({ start, end }) => `end (${end}) viene prima di start (${start}); la riga viene scartata`,
    confidenceInvalid: ({ value }) =>
      `"${value}" non è un livello di affidabilità: usa high, moderate o low (oppure lascia la cella vuota); l’affidabilità è mostrata come non indicata`,
    contestedInvalid: ({ value }) => `il valore "${value}" di contested non è né true né false; l’evento è considerato non contestato`,
    urlNotFull: ({ value }) => `"${value}" non è un URL completo (deve iniziare con https:// o http://); non viene mostrato come link`,
    urlScheme: ({ scheme }) => `sono mostrati solo i link http(s); il link ${scheme} è stato scartato`,
    colorInvalid: ({ value }) => `"${value}" non è un colore esadecimale come #0072b2; viene usato il colore della tavolozza`,
    techniqueInvalid: ({ items }) =>
      rejectedIt(items, 'un ID di tecnica ATT&CK come T1190 o T1505.003', 'ID di tecnica ATT&CK come T1190 o T1505.003'),
    cveInvalid: ({ items }) => rejectedIt(items, 'un ID CVE come CVE-2021-26855', 'ID CVE come CVE-2021-26855'),
    groupInvalid: ({ items }) => rejectedIt(items, 'un ID di gruppo ATT&CK come G0093', 'ID di gruppo ATT&CK come G0093'),
    clusterReserved: ({ id }) =>
      `"${id}" è riservato agli eventi di contesto, che non appartengono a nessun cluster; la riga viene scartata`,
    clusterUnknown: ({ cluster, clustersFile }) =>
      `il cluster "${cluster}" non è in ${clustersFile}; i suoi eventi sono mostrati in una corsia a parte`,
  },
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

/** Every sentence, by language; a code missing from either language fails the type check. */
export const PROBLEM_MESSAGES: Readonly<Record<Lang, ProblemCatalogue>> = { en, it };

/** Calls the template for a code; generic so that the code and its parameters stay paired. */
function apply<P, C extends keyof P>(templates: Templates<P>, code: C, params: Readonly<P[C]>): string {
  return templates[code](params);
}

/** True for the problems and notices that carry a date's reason (a start, end, from or to that is not a date). */
function isDateReason<T extends { readonly code: string }>(item: T): item is Extract<T, { readonly code: DateReasonCode }> {
  return Object.hasOwn(en.date, item.code);
}

/** Why a text is not a date, as a phrase that follows the field's or parameter's name. */
export function formatDateReason(reason: DateReason, lang: Lang): string {
  return apply(PROBLEM_MESSAGES[lang].date, reason.code, reason.params);
}

/** A problem's sentence from its code and parameters alone. */
export function formatProblemDetail(detail: ProblemDetail, lang: Lang): string {
  const catalogue = PROBLEM_MESSAGES[lang];
  if (isDateReason(detail)) return catalogue.dateProblem(detail.params.field, formatDateReason(detail, lang));
  return apply(catalogue.problem, detail.code, detail.params);
}

/** What a load problem says, in the UI's language; a problem made without a code shows its message. */
export function formatProblem(problem: Problem, lang: Lang): string {
  if (problem.code === undefined) return problem.message;
  return formatProblemDetail(problem, lang);
}

/** Why (part of) a URL parameter was ignored, in the UI's language. */
export function formatNotice(notice: UrlNotice, lang: Lang): string {
  const catalogue = PROBLEM_MESSAGES[lang];
  if (isDateReason(notice)) return catalogue.dateNotice(notice.params.parameter, notice.params.value, formatDateReason(notice, lang));
  return apply(catalogue.notice, notice.code, notice.params);
}

/** All of a decoded link's notices (`decodeUrlState(…).noticeCodes`), in the UI's language, in order. */
export function formatNotices(notices: readonly UrlNotice[], lang: Lang): string[] {
  return notices.map((notice) => formatNotice(notice, lang));
}
