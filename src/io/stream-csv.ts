/**
 * Reading a CSV file while it still arrives: its text comes in pieces (a download, a file read a
 * slice at a time) and rows are read as soon as they are whole, with the same result as reading
 * the whole text with streamCsv. What the whole text decides up front is decided from its first
 * megabyte, and where that cannot be done the same way the caller reads the whole text instead:
 *   - the delimiter, from the first line that is not blank (it must be in the first megabyte);
 *   - the line break, by PapaParse's own guess, which looks at the first megabyte;
 *   - mixed line ends, which streamCsv makes LF before reading: a file found to mix them part way
 *     through is read again, whole (`restart`);
 *   - characters of a file that is not UTF-8: rows are checked for them from the piece they first appear in.
 */
import Papa from 'papaparse';
import { detectDelimiter } from './delimiter';
import { CsvRows, hasEncodingMarks, withoutBom, type CsvOutline, type CsvRowSink } from './parse-csv';

/** PapaParse guesses a file's line break from its first megabyte (guessLineEndings): the text gathered before rows are read. */
const PREFIX_CHARS = 1024 * 1024;

/**
 * The rows were read (`outline`), or the whole text is given back to be read by streamCsv: it was
 * short, or its start left something undecided, or (with `restart`) it mixes line ends and rows
 * already handed to the sink must be forgotten.
 */
export type StreamedCsv = { readonly outline: CsvOutline } | { readonly text: string; readonly restart: boolean };

/**
 * Reads CSV text that arrives in `pieces` (decoded text, in order) into `sink`, as streamCsv reads
 * the whole text. `onProgress` gets the number of characters read so far, each time about
 * `progressStep` more have been read.
 */
export async function streamCsvPieces(
  pieces: AsyncIterable<string>,
  file: string,
  sink: CsvRowSink,
  onProgress?: (chars: number) => void,
  progressStep = 256 * 1024,
): Promise<StreamedCsv> {
  const iterator = pieces[Symbol.asyncIterator]();
  const seen: string[] = [];
  const lineEnds = new LineEndKinds();
  const rest = async (): Promise<string> => {
    for (;;) {
      const next = await iterator.next();
      if (next.done) return seen.join('');
      seen.push(next.value);
    }
  };

  let prefix = '';
  while (prefix.length <= PREFIX_CHARS) {
    const next = await iterator.next();
    if (next.done) return { text: seen.join(''), restart: false };
    seen.push(next.value);
    lineEnds.add(next.value);
    prefix += next.value;
  }
  // streamCsv takes off one byte-order mark more than the decoder does.
  const body = withoutBom(prefix);
  // The delimiter is read from the first line that is not blank: it must be whole here.
  if (lineEnds.mixed || !/[\r\n]/.test(body.trimStart())) return { text: await rest(), restart: false };
  const delimiter = detectDelimiter(body);
  // A one-row preview runs PapaParse's line-break guess on the same first megabyte a whole-text read would.
  const newline = Papa.parse<string[]>(body, { delimiter, preview: 1 }).meta.linebreak;

  const rows = new CsvRows(file, sink, false);
  let usedDelimiter = delimiter;
  let chars = 0;
  let reported = 0;
  const stream = new PieceStream();
  Papa.parse<string[]>(stream as unknown as File, {
    header: false,
    skipEmptyLines: false,
    delimiter,
    newline: newline as Papa.ParseConfig['newline'],
    step: (results) => {
      usedDelimiter = results.meta.delimiter;
      rows.take(results.data, results.errors);
      chars = results.meta.cursor;
      if (onProgress && chars - reported >= progressStep) {
        reported = chars;
        onProgress(chars);
      }
    },
  });
  const feed = (piece: string) => {
    if (hasEncodingMarks(piece)) rows.checkEncoding();
    stream.push(piece);
  };
  feed(body);
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    seen.push(next.value);
    lineEnds.add(next.value);
    if (lineEnds.mixed) return { text: await rest(), restart: true };
    feed(next.value);
  }
  lineEnds.end();
  if (lineEnds.mixed) return { text: seen.join(''), restart: true };
  stream.end();
  return { outline: rows.outline(usedDelimiter) };
}

/**
 * The kinds of line end (CRLF, a lone CR, a lone LF) in text that arrives in pieces, as
 * normaliseLineEnds finds them in a whole text: a CR that ends a piece is CRLF only if the next
 * piece starts with LF.
 */
export class LineEndKinds {
  private crlf = false;
  private loneCr = false;
  private loneLf = false;
  private pendingCr = false;

  get mixed(): boolean {
    return Number(this.crlf) + Number(this.loneCr) + Number(this.loneLf) > 1;
  }

  add(piece: string): void {
    if (piece === '') return;
    if (this.pendingCr) {
      if (piece.charCodeAt(0) === 10) this.crlf = true;
      else this.loneCr = true;
    }
    if (!this.loneLf) {
      for (let at = piece.indexOf('\n'); at >= 0; at = piece.indexOf('\n', at + 1)) {
        const afterCr = at === 0 ? this.pendingCr : piece.charCodeAt(at - 1) === 13;
        if (!afterCr) {
          this.loneLf = true;
          break;
        }
      }
    }
    if (!this.crlf || !this.loneCr) {
      for (let at = piece.indexOf('\r'); at >= 0 && at < piece.length - 1; at = piece.indexOf('\r', at + 1)) {
        if (piece.charCodeAt(at + 1) === 10) this.crlf = true;
        else this.loneCr = true;
        if (this.crlf && this.loneCr) break;
      }
    }
    this.pendingCr = piece.charCodeAt(piece.length - 1) === 13;
  }

  /** The text has ended: a CR at its very end is a lone CR. */
  end(): void {
    if (this.pendingCr) this.loneCr = true;
    this.pendingCr = false;
  }
}

/**
 * Pieces of text handed to PapaParse as the Node-style readable stream it knows how to read
 * (its ReadableStreamStreamer): PapaParse keeps the unfinished last row of each piece and reads
 * it with the next, and reads each piece as soon as it is pushed.
 */
class PieceStream {
  readonly readable = true;
  private readonly listeners = new Map<string, (value?: string) => void>();

  read(): void {}
  pause(): void {}
  resume(): void {}

  on(event: string, listener: (value?: string) => void): void {
    this.listeners.set(event, listener);
  }

  removeListener(event: string): void {
    this.listeners.delete(event);
  }

  push(piece: string): void {
    this.listeners.get('data')?.(piece);
  }

  end(): void {
    this.listeners.get('end')?.();
  }
}
