/**
 * Reading an events file while it arrives (stream-csv.ts, loadDatasetFromPieces) must give exactly
 * what loadDataset gives for the whole text: the same events, problems, rows and clusters. Rows are
 * read as they arrive only past the first megabyte, so the files here are made larger than that:
 * a plain start, then rows made to trip a reader of pieces (quoted line breaks and delimiters cut
 * between pieces, stray and unclosed quotes, blank and broken rows, repeated ids, unknown
 * clusters, characters of a file that is not UTF-8, a second kind of line end), cut into pieces
 * of random sizes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDataset, loadDatasetFromPieces, type CsvSource } from '../../../src/io/load';
import { LineEndKinds, streamCsvPieces } from '../../../src/io/stream-csv';
import type { CsvRecord } from '../../../src/io/parse-csv';
import type { TimelineEvent } from '../../../src/model/types';

const MEGABYTE = 1024 * 1024;

async function* piecesOf(text: string, sizes: readonly number[]): AsyncGenerator<string> {
  let at = 0;
  for (let i = 0; at < text.length; i++) {
    const size = sizes[i % sizes.length]!;
    yield text.slice(at, at + size);
    at += size;
  }
}

/** The plain start: rows of every column, `newline` between them, a little over `length` characters. */
function plainStart(length: number, newline: string, delimiter = ','): string {
  const rows = [['id', 'cluster', 'kind', 'start', 'end', 'title', 'summary', 'tools', 'targets'].join(delimiter)];
  let size = rows[0]!.length;
  for (let i = 0; size < length; i++) {
    const row = [`p${i}`, i % 3 ? 'A' : 'B', i % 4 ? 'activity' : 'tool', `20${10 + (i % 10)}-0${1 + (i % 9)}`, i % 5 ? '' : 'open', `Title ${i}`, `"said ""${i}"", then${newline}more"`, `t${i % 7}; u`, 'Telecom'].join(
      delimiter,
    );
    rows.push(row);
    size += row.length + newline.length;
  }
  return rows.join(newline) + newline;
}

const clusters: CsvSource = { name: 'clusters.csv', text: 'id,label\nA,Cluster A\n' };

async function expectSameAsWhole(text: string, sizes: readonly number[]): Promise<void> {
  const whole = loadDataset({ events: { name: 'events.csv', text }, clusters });
  let restarted = 0;
  const given: TimelineEvent[] = [];
  const streamed = await loadDatasetFromPieces({ name: 'events.csv', pieces: piecesOf(text, sizes), expectedLength: text.length }, clusters, {
    onEvent: (event) => given.push(event),
    onRestart: () => {
      restarted++;
      given.length = 0;
    },
  });
  expect(streamed).toEqual(whole);
  // What onEvent was given, after any restart, is the dataset's events.
  expect(given).toEqual(whole.events);
  expect(restarted).toBeLessThanOrEqual(1);
}

describe('reading an events file as it arrives', () => {
  it('reads rows before the file has all arrived, with the same rows as a whole read', async () => {
    const text = plainStart(1.5 * MEGABYTE, '\r\n');
    const recordsAtEachPiece: number[] = [];
    const records: CsvRecord[] = [];
    async function* watched(): AsyncGenerator<string> {
      for await (const piece of piecesOf(text, [64 * 1024])) {
        recordsAtEachPiece.push(records.length);
        yield piece;
      }
    }
    const read = await streamCsvPieces(watched(), 'events.csv', { header: () => undefined, record: (record) => records.push(record) });
    expect('outline' in read).toBe(true);
    // Rows were read while pieces were still to come.
    expect(recordsAtEachPiece.at(-1)).toBeGreaterThan(1000);
    await expectSameAsWhole(text, [64 * 1024]);
  });

  it('reports how far along it is when the size is known, and only that rows are being read when it is not', async () => {
    const text = plainStart(1.5 * MEGABYTE, '\n');
    const known: (number | null)[] = [];
    const unknown: (number | null)[] = [];
    const withSize = await loadDatasetFromPieces({ name: 'events.csv', pieces: piecesOf(text, [64 * 1024]), expectedLength: text.length }, clusters, {
      onProgress: (f) => known.push(f),
    });
    const withoutSize = await loadDatasetFromPieces({ name: 'events.csv', pieces: piecesOf(text, [64 * 1024]), expectedLength: null }, clusters, {
      onProgress: (f) => unknown.push(f),
    });
    expect(withoutSize).toEqual(withSize);
    expect(known).not.toContain(null);
    expect(known.length).toBeGreaterThan(20);
    for (let i = 1; i < known.length; i++) expect(known[i]!).toBeGreaterThanOrEqual(known[i - 1]!);
    expect(known.at(-1)).toBe(1);
    // Unknown size: reports while the rows are read (every 256 KiB or so), none with a made-up share, then 1 at the end.
    expect(unknown.length).toBeGreaterThan(3);
    expect(unknown.slice(0, -1)).toEqual(unknown.slice(0, -1).map(() => null));
    expect(unknown.at(-1)).toBe(1);
  });

  it('gives back short files and files whose first line does not fit in the first megabyte, to be read whole', async () => {
    const short = await streamCsvPieces(piecesOf('id,title\n1,a\n', [4]), 'e.csv', { header: () => undefined, record: () => undefined });
    expect(short).toEqual({ text: 'id,title\n1,a\n', restart: false });
    const longHeader = `${'x'.repeat(1.2 * MEGABYTE)},id\n1,2\n`;
    const read = await streamCsvPieces(piecesOf(longHeader, [100_000]), 'e.csv', { header: () => undefined, record: () => undefined });
    expect(read).toEqual({ text: longHeader, restart: false });
  });

  it('starts again, whole, when a second kind of line end comes after the first megabyte', async () => {
    const text = `${plainStart(1.1 * MEGABYTE, '\n')}x1,A,activity,2015,,Late,"a\r\nb"\r\nx2,A,activity,2016,,Later,c\n`;
    let restarts = 0;
    const dataset = await loadDatasetFromPieces({ name: 'events.csv', pieces: piecesOf(text, [50_000]), expectedLength: text.length }, clusters, {
      onRestart: () => restarts++,
    });
    expect(restarts).toBe(1);
    expect(dataset).toEqual(loadDataset({ events: { name: 'events.csv', text }, clusters }));
    // Made LF, as a whole read makes a file that mixes line ends.
    expect(dataset.events.find((e) => e.id === 'x1')?.summary).toBe('a\nb');
  });

  it('is the same as a whole read for files made to trip a reader of pieces', async () => {
    const cell = fc.oneof(
      fc.constantFrom('', 'A', 'B', 'New', 'activity', '2015', '2016-03', 'dup', 'x"y', '"q"', '"a,b"', '"line\nbreak"', '"cr\r\nlf"', '"open', '\uFFFD', '\u0000', '  ', 'https://a.example/x'),
      fc.string({ maxLength: 8 }),
    );
    const row = fc.array(cell, { minLength: 1, maxLength: 9 }).map((cells) => cells.join(','));
    const file = fc
      .record({
        bom: fc.boolean(),
        newline: fc.constantFrom('\n', '\r\n', '\r'),
        startLength: fc.constantFrom(0.3 * MEGABYTE, 1.01 * MEGABYTE),
        tail: fc.array(row, { maxLength: 60 }),
        tailNewline: fc.constantFrom('\n', '\r\n', '\r', null),
      })
      .map(({ bom, newline, startLength, tail, tailNewline }) => `${bom ? '\uFEFF' : ''}${plainStart(startLength, newline)}${tail.join(tailNewline ?? newline)}`);
    await fc.assert(
      fc.asyncProperty(file, fc.array(fc.oneof(fc.integer({ min: 7, max: 300 }), fc.integer({ min: 2_000, max: 70_000 })), { minLength: 2, maxLength: 4 }), async (text, sizes) => {
        await expectSameAsWhole(text, sizes);
      }),
      { numRuns: 16 },
    );
  }, 120_000);
});

describe('LineEndKinds', () => {
  const kinds = (pieces: string[]) => {
    const tracker = new LineEndKinds();
    for (const piece of pieces) tracker.add(piece);
    tracker.end();
    return tracker.mixed;
  };

  it('finds a mix however the text is cut, as a whole-text look does', () => {
    const texts = ['a\r\nb\r\n', 'a\nb\n', 'a\rb\r', 'a\r\nb\n', 'a\rb\n', 'a\r\nb\r', 'a\r', '\r\n', '\n\r', 'a\r\r\n', 'x'];
    for (const text of texts) {
      const whole = Number(text.includes('\r\n')) + Number(/\r(?!\n)/.test(text)) + Number(/(?:^|[^\r])\n/.test(text)) > 1;
      for (let cut = 0; cut <= text.length; cut++) {
        expect(kinds([text.slice(0, cut), text.slice(cut)]), `${JSON.stringify(text)} cut at ${cut}`).toBe(whole);
      }
      expect(kinds([...text])).toBe(whole);
    }
  });
});
