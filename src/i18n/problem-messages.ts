/**
 * The loader's problems in English and Italian, each a code plus the values its sentence needs; the
 * English sentences are the `message` strings the loader hands out. Values from the user's data
 * (cell text, column and file names) are inserted as they are, never translated; so are the CSV
 * syntax words (high, true, Q1).
 *
 * The reasons a date cannot be read (./date-reason-messages.ts, ./date-reason-messages.it.ts) and
 * the URL notices (./url-notice-messages.ts) live in their own small modules, each loaded when
 * first needed; this catalogue loads only when a CSV is read or problems are shown, and carries
 * both languages whole. `PROBLEM_MESSAGES` and the re-exports below keep one place to import all of
 * it from.
 */

import type { DateReason, Lang } from '../model/dates';
import type { Problem, ProblemDetail, ProblemParamsByCode } from '../model/types';
import { DATE_REASONS_EN, isDateReason, type DateReasonTemplates } from './date-reason-messages';
import { DATE_REASONS_IT } from './date-reason-messages.it';
import { applyTemplate, type Templates } from './templates';
import { quotedList, URL_NOTICE_MESSAGES, type UrlNoticeTemplates } from './url-notice-messages';

export { formatNotice, formatNotices } from './url-notice-messages';

/** The loader's own sentences in one language. */
interface LoadProblemCatalogue {
  /** A start or end cell that is not a date. */
  readonly dateProblem: (field: string, reason: string) => string;
  readonly problem: Templates<ProblemParamsByCode>;
}

/** Every sentence in one language: the date reasons, the loader's problems and the URL notices. */
export interface ProblemCatalogue extends LoadProblemCatalogue {
  /** Why a text is not a date: a phrase that follows the field's or parameter's name. */
  readonly date: DateReasonTemplates;
  /** A `from` or `to` parameter that is not a date. */
  readonly dateNotice: (parameter: string, value: string, reason: string) => string;
  readonly notice: UrlNoticeTemplates;
}

/** `"a" is not …; ignored` / `"a", "b" are not …; ignored` */
const rejectedEn = (items: readonly string[], one: string, many: string) =>
  items.length > 1 ? `${quotedList(items)} are not ${many}; ignored` : `${quotedList(items)} is not ${one}; ignored`;
/** `"a" non è …; ignorato` / `"a", "b" non sono …; ignorati` */
const rejectedIt = (items: readonly string[], one: string, many: string) =>
  items.length > 1 ? `${quotedList(items)} non sono ${many}; ignorati` : `${quotedList(items)} non è ${one}; ignorato`;

/** `3`, `3 and 9`, `3, 9 and 12`; `rest` (e.g. "5 more") comes last when given. */
const listOf = (items: readonly number[], rest: string | null, and: string) => {
  const all = rest === null ? items.map(String) : [...items.map(String), rest];
  return all.length > 1 ? `${all.slice(0, -1).join(', ')} ${and} ${all.at(-1)}` : all.join('');
};

const en: LoadProblemCatalogue = {
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
    missingColumn: ({ column, found, more }) =>
      `the required column "${column}" is missing from the header, so no row can be read (columns found: ${found.join(', ') || 'none'}${more > 0 ? ` and ${more} more` : ''})`,
    unknownColumns: ({ columns, more }) =>
      `${columns.length + more === 1 ? 'this column is' : 'these columns are'} not part of the schema and ignored: ${quotedList(columns)}${more > 0 ? ` and ${more} more` : ''}`,
    unnamedColumns: ({ columns, more, rows, firstRow }) => {
      const list = listOf(columns, more > 0 ? `${more} more` : null, 'and');
      const one = columns.length + more === 1;
      const where = one ? 'in it' : 'in them';
      const rowsWithValue = rows === 1 ? `1 row has a value ${where} (row ${firstRow})` : `${rows} rows have a value ${where}, the first on row ${firstRow}`;
      return one
        ? `column ${list} has no name in the header, so its cells are not read: ${rowsWithValue}. Give the column a name, or delete it if its cells are not needed`
        : `columns ${list} have no name in the header, so their cells are not read: ${rowsWithValue}. Give the columns names, or delete them if their cells are not needed`;
    },
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
};

const it: LoadProblemCatalogue = {
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
    missingColumn: ({ column, found, more }) =>
      `nell’intestazione manca la colonna obbligatoria "${column}", quindi nessuna riga può essere letta (colonne trovate: ${found.join(', ') || 'nessuna'}${more > 0 ? ` e altre ${more}` : ''})`,
    unknownColumns: ({ columns, more }) =>
      columns.length + more === 1
        ? `questa colonna non fa parte dello schema e viene ignorata: ${quotedList(columns)}`
        : `queste colonne non fanno parte dello schema e vengono ignorate: ${quotedList(columns)}${more > 0 ? ` e altre ${more}` : ''}`,
    unnamedColumns: ({ columns, more, rows, firstRow }) => {
      const list = listOf(columns, more > 0 ? `altre ${more}` : null, 'e');
      const one = columns.length + more === 1;
      const where = one ? 'in questa colonna' : 'in queste colonne';
      const rowsWithValue = rows === 1 ? `1 riga ha un valore ${where} (riga ${firstRow})` : `${rows} righe hanno un valore ${where}, la prima è la riga ${firstRow}`;
      return one
        ? `la colonna ${list} non ha un nome nell’intestazione, quindi le sue celle non vengono lette: ${rowsWithValue}. Dai un nome alla colonna, oppure eliminala se le sue celle non servono`
        : `le colonne ${list} non hanno un nome nell’intestazione, quindi le loro celle non vengono lette: ${rowsWithValue}. Dai un nome alle colonne, oppure eliminale se le loro celle non servono`;
    },
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
};

/** Every sentence, by language; a code missing from either language fails the type check. */
export const PROBLEM_MESSAGES: Readonly<Record<Lang, ProblemCatalogue>> = {
  en: { ...en, date: DATE_REASONS_EN, ...URL_NOTICE_MESSAGES.en },
  it: { ...it, date: DATE_REASONS_IT, ...URL_NOTICE_MESSAGES.it },
};

/**
 * Why a text is not a date, in either language: this catalogue carries both, so problems are
 * worded in Italian whether or not the Italian UI (./language.ts) has loaded yet.
 */
export function formatDateReason(reason: DateReason, lang: Lang): string {
  return applyTemplate(PROBLEM_MESSAGES[lang].date, reason.code, reason.params);
}

/** A problem's sentence from its code and parameters alone. */
export function formatProblemDetail(detail: ProblemDetail, lang: Lang): string {
  const catalogue = PROBLEM_MESSAGES[lang];
  if (isDateReason(detail)) return catalogue.dateProblem(detail.params.field, formatDateReason(detail, lang));
  return applyTemplate(catalogue.problem, detail.code, detail.params);
}

/** What a load problem says, in the UI's language; a problem made without a code shows its message. */
export function formatProblem(problem: Problem, lang: Lang): string {
  if (problem.code === undefined) return problem.message;
  return formatProblemDetail(problem, lang);
}
