/**
 * Why a load was refused or failed, in English and Italian: the chosen files that do not pair up,
 * a link the page will not follow, a file that is too large, a request that failed, a CSV reader
 * (worker) that broke down. Each is a code plus the values its sentence needs; the English
 * sentences are the messages the loaders have always given (`LoadError.message`).
 * URLs, origins, schemes, file names, sizes and the browser's own error texts are inserted as they
 * are, never translated; long names and links arrive already cut with "…".
 */

import type { Lang, NoParams } from '../model/dates';

/** Every code with the values its sentence needs. */
export interface LoadFailureParamsByCode {
  // ——— Chosen files (pairFiles) ———
  /** Nothing was chosen at all. */
  noFileChosen: NoParams;
  /** Files were chosen, but none of them is an events file. */
  noEventsFile: NoParams;
  /** `file`: a chosen file whose header and name say neither events nor clusters; it is ignored. */
  fileKindUnknown: { file: string };
  /** `files`: two or more events files, in the order chosen; the first is used. */
  severalEventsFiles: { files: readonly string[] };
  /** `files`: two or more clusters files, in the order chosen; the first is used. */
  severalClustersFiles: { files: readonly string[] };

  // ——— A link to a CSV file (resolveSameOrigin) ———
  /** The page's own address is not a URL. */
  pageUnreadable: NoParams;
  /** The page was opened from file://. */
  pageFromFile: NoParams;
  /** The page was opened from another non-http(s) address; `scheme` with its colon, e.g. `blob:`. */
  pageNotHttp: { scheme: string };
  linkEmpty: NoParams;
  /** `link`: the value as given (cut to 80 characters). */
  linkUnreadable: { link: string };
  /** `scheme` with its colon, e.g. `javascript:`; `pageOrigin`: this site. */
  linkNotHttp: { link: string; scheme: string; pageOrigin: string };
  /** `origin`: the link's site; `pageOrigin`: this site. */
  linkOtherSite: { link: string; origin: string; pageOrigin: string };
  linkCredentials: { link: string };

  // ——— Size ———
  /** A chosen file over the limit; `size` and `limit` as shown, e.g. "250.0 MB" and "200 MB". */
  fileTooLarge: { file: string; size: string; limit: string };

  // ——— Fetching a link (fetchCsvText) ———
  /** The request failed: no answer, or a redirect (redirects are refused). */
  fetchUnreachable: { url: string };
  /** `statusText` may be empty. */
  fetchStatus: { url: string; status: number; statusText: string };
  /** The body the server declares is over the limit; `size` as shown, e.g. "300.0 MB". */
  fetchTooLarge: { url: string; size: string; limit: string };
  /** The body, without a declared size, passed the limit while being read. */
  fetchOverLimit: { url: string; limit: string };
  /** The connection broke off mid-body. */
  fetchBrokeOff: { url: string };

  // ——— The CSV reader, a worker (loadInWorker, parse.worker.ts) ———
  /** The worker could not be created; `detail`: the browser's message, or empty. */
  readerNotStarted: { detail: string };
  /** The worker died; `detail`: the browser's message, or empty when it gave none. */
  readerCrashed: { detail: string };
  /** The worker's answer could not be deserialised. */
  readerResultUnreadable: NoParams;
  /** The request could not be posted to the worker; `detail`: the browser's message, or empty. */
  readerHandOff: { detail: string };
  /** The worker could not deserialise the request. */
  readerRequestUnreadable: NoParams;
  /** A source given to the worker has neither text nor a File. */
  fileNoContent: { file: string };
  /** The browser could not read a chosen File (moved, deleted or changed since). */
  fileUnreadable: { file: string };
  /** Anything else that went wrong in the worker; `detail`: the error's own (English) message. */
  readerFailed: { detail: string };
}

export type LoadFailureCode = keyof LoadFailureParamsByCode;

/** Why a load was refused or failed; `formatLoadFailure(failure, lang)` says it in English or Italian. */
export type LoadFailure = {
  [C in LoadFailureCode]: { readonly code: C; readonly params: Readonly<LoadFailureParamsByCode[C]> };
}[LoadFailureCode];

/** One sentence builder per code, each given that code's parameters. */
export type LoadCatalogue = { readonly [C in LoadFailureCode]: (params: Readonly<LoadFailureParamsByCode[C]>) => string };

const quoted = (text: string) => `"${text}"`;

/** '"a" and "b"' / '"a", "b" and "c"'. */
const namesEn = (names: readonly string[]) => {
  const q = names.map(quoted);
  return q.length > 1 ? `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}` : (q[0] ?? '');
};
/** '"a" e "b"' / '"a", "b" e "c"'. */
const namesIt = (names: readonly string[]) => {
  const q = names.map(quoted);
  return q.length > 1 ? `${q.slice(0, -1).join(', ')} e ${q[q.length - 1]}` : (q[0] ?? '');
};

/** ': detail' when the browser gave one. */
const detailed = (detail: string) => (detail ? `: ${detail}` : '');

/** The label of the app's file button, as messages.ts words it. */
const OPEN_CSV_EN = '"Open CSV…"';
const OPEN_CSV_IT = '«Apri CSV…»';

const en: LoadCatalogue = {
  noFileChosen: () =>
    'No file was chosen. Choose an events CSV file (with "kind" and "start" columns), optionally together with a clusters CSV file.',
  noEventsFile: () =>
    'None of the chosen files is an events file (one with "kind" and "start" columns), so nothing can be shown. Choose an events CSV file, optionally together with a clusters CSV file.',
  fileKindUnknown: ({ file }) =>
    `${quoted(file)} is neither an events file nor a clusters file: its first row has no "kind", "start" or "label" column, so it is ignored.`,
  severalEventsFiles: ({ files }) =>
    `${namesEn(files)} ${files.length === 2 ? 'both' : 'all'} look like events files, but only one can be loaded at a time; ${quoted(files[0] ?? '')} is used.`,
  severalClustersFiles: ({ files }) =>
    `${namesEn(files)} ${files.length === 2 ? 'both' : 'all'} look like clusters files, but only one can be loaded at a time; ${quoted(files[0] ?? '')} is used.`,

  pageUnreadable: () => `The address of this page could not be read, so no file can be loaded by link. Use ${OPEN_CSV_EN} instead.`,
  pageFromFile: () =>
    `This page was opened from a file on disk (file://), and such a page cannot load other files by link. Use ${OPEN_CSV_EN} instead.`,
  pageNotHttp: ({ scheme }) =>
    `This page was opened from a ${scheme} address, and such a page cannot load other files by link. Use ${OPEN_CSV_EN} instead.`,
  linkEmpty: () => 'The link is empty. Give the address of a CSV file on this site.',
  linkUnreadable: ({ link }) => `${quoted(link)} is not a link that can be read. Give the address of a CSV file on this site.`,
  linkNotHttp: ({ link, scheme, pageOrigin }) =>
    `${quoted(link)} is a ${scheme} link; only http(s) links to files on this site (${pageOrigin}) can be loaded.`,
  linkOtherSite: ({ link, origin, pageOrigin }) =>
    `${quoted(link)} is on another site (${origin}); only files from this site (${pageOrigin}) can be loaded by link. Download it and use ${OPEN_CSV_EN} instead.`,
  linkCredentials: ({ link }) => `${quoted(link)} has a user name or password in it; links with credentials are not loaded.`,

  fileTooLarge: ({ file, size, limit }) =>
    `${quoted(file)} is ${size}; files over ${limit} cannot be loaded. Split it, or remove the rows and columns you do not need.`,

  fetchUnreachable: ({ url }) =>
    `${url} could not be loaded: the server could not be reached, or it redirected the request (redirects are not followed).`,
  fetchStatus: ({ url, status, statusText }) => `${url} could not be loaded: the server answered ${status}${statusText ? ` ${statusText}` : ''}.`,
  fetchTooLarge: ({ url, size, limit }) => `${url} is ${size}; files over ${limit} cannot be loaded.`,
  fetchOverLimit: ({ url, limit }) => `${url} is over ${limit}; files over ${limit} cannot be loaded.`,
  fetchBrokeOff: ({ url }) => `${url} could not be loaded: the connection broke off while the file was being read.`,

  readerNotStarted: ({ detail }) => `The CSV reader could not be started${detailed(detail)}.`,
  readerCrashed: ({ detail }) =>
    detail ? `The CSV reader stopped with an error: ${detail}.` : 'The CSV reader stopped with an error (the browser gave no reason).',
  readerResultUnreadable: () => 'The CSV reader sent back a result that could not be read.',
  readerHandOff: ({ detail }) => `The files could not be handed to the CSV reader${detailed(detail)}.`,
  readerRequestUnreadable: () => 'The CSV reader could not read the files it was given.',
  fileNoContent: ({ file }) => `The CSV files could not be loaded: ${quoted(file)} has no content to read.`,
  fileUnreadable: ({ file }) =>
    `The CSV files could not be loaded: ${quoted(file)} could not be read; it may have been moved or changed since it was chosen. Choose it again.`,
  readerFailed: ({ detail }) => `The CSV files could not be loaded: ${detail}`,
};

const it: LoadCatalogue = {
  noFileChosen: () =>
    'Non è stato scelto nessun file. Scegli un file CSV di eventi (con le colonne "kind" e "start"), eventualmente insieme a un file CSV di cluster.',
  noEventsFile: () =>
    'Nessuno dei file scelti è un file di eventi (cioè con le colonne "kind" e "start"), quindi non c’è niente da mostrare. Scegli un file CSV di eventi, eventualmente insieme a un file CSV di cluster.',
  fileKindUnknown: ({ file }) =>
    `${quoted(file)} non è né un file di eventi né un file di cluster: la sua prima riga non ha una colonna "kind", "start" o "label", quindi viene ignorato.`,
  severalEventsFiles: ({ files }) =>
    `${namesIt(files)} sembrano ${files.length === 2 ? 'entrambi' : 'tutti'} file di eventi, ma se ne può caricare uno solo alla volta; viene usato ${quoted(files[0] ?? '')}.`,
  severalClustersFiles: ({ files }) =>
    `${namesIt(files)} sembrano ${files.length === 2 ? 'entrambi' : 'tutti'} file di cluster, ma se ne può caricare uno solo alla volta; viene usato ${quoted(files[0] ?? '')}.`,

  pageUnreadable: () =>
    `Non è stato possibile leggere l’indirizzo di questa pagina, quindi da un link non si può caricare nessun file. Usa invece ${OPEN_CSV_IT}.`,
  pageFromFile: () =>
    `Questa pagina è stata aperta da un file sul disco (file://) e una pagina aperta così non può caricare altri file da un link. Usa invece ${OPEN_CSV_IT}.`,
  pageNotHttp: ({ scheme }) =>
    `Questa pagina è stata aperta da un indirizzo ${scheme} e una pagina aperta così non può caricare altri file da un link. Usa invece ${OPEN_CSV_IT}.`,
  linkEmpty: () => 'Il link è vuoto. Indica l’indirizzo di un file CSV di questo sito.',
  linkUnreadable: ({ link }) => `${quoted(link)} non è un link leggibile. Indica l’indirizzo di un file CSV di questo sito.`,
  linkNotHttp: ({ link, scheme, pageOrigin }) =>
    `${quoted(link)} è un link ${scheme}; si possono caricare solo link http(s) a file di questo sito (${pageOrigin}).`,
  linkOtherSite: ({ link, origin, pageOrigin }) =>
    `${quoted(link)} è su un altro sito (${origin}); da un link si possono caricare solo file di questo sito (${pageOrigin}). Scaricalo e usa ${OPEN_CSV_IT}.`,
  linkCredentials: ({ link }) =>
    `${quoted(link)} contiene un nome utente o una password; i link con credenziali non vengono caricati.`,

  fileTooLarge: ({ file, size, limit }) =>
    `${quoted(file)} pesa ${size}; non si possono caricare file di oltre ${limit}. Dividilo in più file, oppure togli le righe e le colonne che non ti servono.`,

  fetchUnreachable: ({ url }) =>
    `Non è stato possibile caricare ${url}: il server non è raggiungibile, oppure ha reindirizzato la richiesta (i reindirizzamenti non vengono seguiti).`,
  fetchStatus: ({ url, status, statusText }) =>
    `Non è stato possibile caricare ${url}: il server ha risposto ${status}${statusText ? ` ${statusText}` : ''}.`,
  fetchTooLarge: ({ url, size, limit }) => `${url} pesa ${size}; non si possono caricare file di oltre ${limit}.`,
  fetchOverLimit: ({ url, limit }) => `${url} supera i ${limit}; non si possono caricare file di oltre ${limit}.`,
  fetchBrokeOff: ({ url }) => `Non è stato possibile caricare ${url}: la connessione si è interrotta durante la lettura del file.`,

  readerNotStarted: ({ detail }) => `Non è stato possibile avviare il lettore CSV${detailed(detail)}.`,
  readerCrashed: ({ detail }) =>
    detail
      ? `Il lettore CSV si è fermato per un errore: ${detail}.`
      : 'Il lettore CSV si è fermato per un errore (il browser non ha indicato il motivo).',
  readerResultUnreadable: () => 'Il lettore CSV ha restituito un risultato che non è stato possibile leggere.',
  readerHandOff: ({ detail }) => `Non è stato possibile passare i file al lettore CSV${detailed(detail)}.`,
  readerRequestUnreadable: () => 'Il lettore CSV non è riuscito a leggere i file che gli sono stati passati.',
  fileNoContent: ({ file }) => `Non è stato possibile caricare i file CSV: ${quoted(file)} non ha alcun contenuto da leggere.`,
  fileUnreadable: ({ file }) =>
    `Non è stato possibile caricare i file CSV: non si riesce a leggere ${quoted(file)}; forse è stato spostato o modificato dopo essere stato scelto. Sceglilo di nuovo.`,
  readerFailed: ({ detail }) => `Non è stato possibile caricare i file CSV: ${detail}`,
};

/** Every sentence, by language; a code missing from either language fails the type check. */
export const LOAD_MESSAGES: Readonly<Record<Lang, LoadCatalogue>> = { en, it };

/** Calls the template for a code; generic so that the code and its parameters stay paired. */
function apply<C extends LoadFailureCode>(catalogue: LoadCatalogue, code: C, params: Readonly<LoadFailureParamsByCode[C]>): string {
  return catalogue[code](params);
}

/** Why a load was refused or failed, in the UI's language. */
export function formatLoadFailure(failure: LoadFailure, lang: Lang): string {
  return apply(LOAD_MESSAGES[lang], failure.code, failure.params);
}

/** Several reasons at once (e.g. no events file, and a file that is neither), as one text. */
export function formatLoadFailures(failures: readonly LoadFailure[], lang: Lang): string {
  return failures.map((failure) => formatLoadFailure(failure, lang)).join(' ');
}

/**
 * An error whose reason has a code: its `message` is the English sentence(s), and `failures` lets
 * the UI word it in its own language when it shows it (`formatLoadError`).
 */
export class LoadError extends Error {
  /** One or more reasons, the main one first. */
  readonly failures: readonly [LoadFailure, ...LoadFailure[]];

  constructor(failures: LoadFailure | readonly [LoadFailure, ...LoadFailure[]]) {
    const list: readonly [LoadFailure, ...LoadFailure[]] = 'code' in failures ? [failures] : failures;
    super(formatLoadFailures(list, 'en'));
    this.failures = list;
  }

  /** The main reason (the first of `failures`). */
  get failure(): LoadFailure {
    return this.failures[0];
  }
}

/**
 * What to tell the user about a load that went wrong, in the UI's language: a coded reason in
 * that language; any other error as its own message (unexpected errors have no translation).
 */
export function formatLoadError(error: unknown, lang: Lang): string {
  if (error instanceof LoadError) return formatLoadFailures(error.failures, lang);
  return error instanceof Error ? error.message : String(error);
}
