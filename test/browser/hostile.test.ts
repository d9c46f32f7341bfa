/**
 * The hostile corpus (test/fixtures/hostile/) through the app, in Chromium: each file is chosen as
 * "Open CSV…" would hand it over and read by the real CSV worker. For each: no script runs, no
 * uncaught exception, the page stays usable, the good rows are in the table, every problem is
 * listed with its row, column and reason, and nothing from the data becomes markup.
 * Also: a 100,000-row file loads with progress while the page keeps ticking, and a file over the
 * 200 MB limit is refused before it is read.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { BUNDLED_INPUT, BUNDLED_METADATA_JSON } from '../../src/data/bundled';
import { formatLoadError, formatLoadFailure, LoadError, type LoadFailure } from '../../src/i18n/load-messages';
import { msg } from '../../src/i18n/messages';
import { formatProblem } from '../../src/i18n/problem-messages';
import { pairFilesDetailed } from '../../src/io/classify';
import { checkFileSize, fileSizeFailure, MAX_FILE_BYTES } from '../../src/io/fetch-csv';
import { loadDataset, type LoadInput } from '../../src/io/load';
import { EMPTY_META, readMetadata } from '../../src/io/metadata';
import { loadInWorker, type LoadProgress, type WorkerLoadInput } from '../../src/io/worker-loader';
import type { Lang } from '../../src/model/dates';
import type { Dataset } from '../../src/model/types';
import type { AppHost, TlApp } from '../../src/ui/app/tl-app';
import '../../src/ui/app/tl-app';
import { plainDataset, waitFor, waitForPanel } from './helpers';

const MB = 1024 * 1024;
const shadow = (el: Element | null | undefined) => el!.shadowRoot!;
const createWorker = () => new Worker(new URL('../../src/io/parse.worker.ts', import.meta.url), { type: 'module' });

/** A corpus file's bytes, exactly as committed (a Windows-1252 file stays Windows-1252). */
async function corpusFile(name: string): Promise<File> {
  const response = await fetch(new URL(`../fixtures/hostile/${name}`, import.meta.url));
  expect(response.ok, name).to.equal(true);
  return new File([await response.arrayBuffer()], name, { type: 'text/csv' });
}

interface Harness {
  readonly el: TlApp;
  /** Every progress report of the last load. */
  readonly progress: LoadProgress[];
  /** Loads a file as a `?src=` link does: as the events file, without looking at its header first. */
  loadAsLink(file: File): Promise<void>;
}

/**
 * Mounts the app with a host that loads chosen files as the page's own host does (src/main.ts with
 * loadUserFiles): refuse a file over the limit before reading it, pair the files from their
 * headers, then parse and validate them in the real worker, showing progress; a refusal or failure
 * becomes a notice in the UI's language. (loadUserFiles itself cannot be imported here: it reaches
 * the worker through Vite's `?worker&inline` import, which only Vite understands.)
 */
async function mountApp(lang: Lang = 'en'): Promise<Harness> {
  history.replaceState(null, '', location.pathname);
  const el = await fixture<TlApp>(html`<tl-app></tl-app>`);
  const progress: LoadProgress[] = [];

  const run = async (name: string, input: () => Promise<WorkerLoadInput>) => {
    progress.length = 0;
    try {
      const source = await input();
      el.loading = { name: source.events.name, phase: 'reading', fraction: 0 };
      const dataset = await loadInWorker(source, {
        createWorker,
        onProgress: (p) => {
          progress.push(p);
          el.loading = { name: source.events.name, phase: p.phase, fraction: p.fraction };
        },
      });
      el.meta = { ...EMPTY_META, title: source.events.name };
      el.data = dataset;
      el.sourceName = source.events.name;
      el.resetView();
    } catch (error) {
      el.notices = [msg(el.lang, 'loadFailed', { name, reason: formatLoadError(error, el.lang) })];
    } finally {
      el.loading = null;
    }
  };

  const host: AppHost = {
    loadFiles: (files) =>
      run(files[0]?.name ?? 'CSV', async () => {
        for (const file of files) {
          const refusal = fileSizeFailure(file);
          if (refusal) throw new LoadError(refusal);
        }
        const heads = await Promise.all(files.map(async (file) => ({ name: file.name, text: await file.slice(0, 64 * 1024).text(), file })));
        const pairing = pairFilesDetailed(heads);
        if (!pairing.events) throw new LoadError(pairing.failures as [LoadFailure, ...LoadFailure[]]);
        return {
          events: { name: pairing.events.name, file: pairing.events.file },
          ...(pairing.clusters ? { clusters: { name: pairing.clusters.name, file: pairing.clusters.file } } : {}),
        };
      }),
    loadBundled: () => undefined,
    cancelLoad: () => undefined,
    saveView: () => undefined,
    viewChanged: () => undefined,
  };
  el.host = host;
  el.lang = lang;
  el.meta = readMetadata(BUNDLED_METADATA_JSON);
  el.data = loadDataset(BUNDLED_INPUT);
  await el.updateComplete;
  await waitFor(() => lanes(el).length > 0);
  return { el, progress, loadAsLink: (file) => run(file.name, async () => ({ events: { name: file.name, file } })) };
}

const timelineOf = (el: TlApp) => shadow(el).querySelector('tl-timeline')!;
const lanes = (el: TlApp) => [...(timelineOf(el)?.shadowRoot?.querySelectorAll('g.lane') ?? [])].map((l) => l.getAttribute('data-lane')!);
const tableOf = (el: TlApp) => shadow(el).querySelector('tl-event-table')!;
const tableIds = (el: TlApp) => [...shadow(tableOf(el)).querySelectorAll<HTMLTableRowElement>('tbody tr')].map((tr) => tr.dataset.id!);
const problemsOf = (el: TlApp) => shadow(el).querySelector('tl-problems')!;
const problemRows = (el: TlApp) =>
  [...shadow(problemsOf(el)).querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!));
const filtersOf = (el: TlApp) => shadow(el).querySelector('tl-filters')!;
const noticesOf = (el: TlApp) => [...shadow(el).querySelectorAll('.notices li')].map((li) => li.textContent!);

/** Every element under a root, inside every shadow root too. */
function deepElements(root: ParentNode): Element[] {
  const found: Element[] = [];
  for (const element of root.querySelectorAll('*')) {
    found.push(element);
    if (element.shadowRoot) found.push(...deepElements(element.shadowRoot));
  }
  return found;
}

/** Elements that only markup taken from the data could have made: the app renders none of these. */
const FOREIGN_TAGS = new Set(['img', 'script', 'iframe', 'object', 'embed', 'math', 'mtext', 'mglyph', 'b', 'frame', 'frameset', 'base', 'meta', 'link']);

/** Nothing from the data became an element, an inline handler, or a link that is not http(s). */
function expectNoMarkupFromData(el: TlApp): void {
  for (const element of deepElements(shadow(el))) {
    const tag = element.localName;
    expect(FOREIGN_TAGS.has(tag), `<${tag}> in the page`).to.equal(false);
    for (const attribute of element.getAttributeNames()) {
      expect(/^on/i.test(attribute), `${attribute} on <${tag}>`).to.equal(false);
      expect(attribute, `<${tag}>`).to.not.equal('srcdoc');
    }
    // A link goes to an http(s) page; the chart's own <image> is a picture it painted; anything else points inside the page.
    const href = element.getAttribute('href') ?? element.getAttribute('xlink:href');
    if (href === null) continue;
    if (tag === 'a') expect(href, 'link').to.match(/^https?:\/\/|^#/);
    else if (tag === 'image') expect(href, 'image').to.match(/^data:image\/png;base64,|^blob:/);
    else expect(href, `href on <${tag}>`).to.match(/^#/);
  }
}

// ——— Traps: a payload that runs sets window.__pwned; an uncaught error or rejection is recorded ———

const pwned: unknown[] = [];
const uncaught: string[] = [];
const consoleErrors: string[] = [];
const onError = (event: ErrorEvent) => uncaught.push(event.message);
const onRejection = (event: PromiseRejectionEvent) => uncaught.push(String(event.reason));
const originalConsoleError = console.error;

beforeEach(() => {
  pwned.length = 0;
  uncaught.length = 0;
  consoleErrors.length = 0;
  Object.defineProperty(window, '__pwned', { configurable: true, get: () => undefined, set: (value: unknown) => void pwned.push(value) });
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  console.error = (...args: unknown[]) => {
    consoleErrors.push(args.map(String).join(' '));
    originalConsoleError.apply(console, args);
  };
});

afterEach(() => {
  window.removeEventListener('error', onError);
  window.removeEventListener('unhandledrejection', onRejection);
  console.error = originalConsoleError;
  delete (window as { __pwned?: unknown }).__pwned;
  history.replaceState(null, '', location.pathname);
});

/** Gives an <img onerror>, an <svg onload> or a <details ontoggle> time to fire, had one been made. */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 150));
  await new Promise((resolve) => requestAnimationFrame(resolve));
}

function expectNothingRanOrBroke(): void {
  expect(pwned, 'a payload ran').to.deep.equal([]);
  expect((window as { __pwned?: unknown }).__pwned).to.equal(undefined);
  expect(uncaught, 'uncaught errors').to.deep.equal([]);
  expect(consoleErrors, 'console errors').to.deep.equal([]);
}

/** The dataset the loader makes of the same bytes, read as the browser reads a file (UTF-8). */
async function expectedDataset(files: readonly File[]): Promise<Dataset> {
  const texts = await Promise.all(files.map(async (file) => ({ name: file.name, text: await file.text(), file })));
  const pairing = pairFilesDetailed(texts);
  const input: LoadInput = {
    events: { name: pairing.events!.name, text: pairing.events!.text },
    ...(pairing.clusters ? { clusters: { name: pairing.clusters.name, text: pairing.clusters.text } } : {}),
  };
  return loadDataset(input);
}

/** What every loaded file must leave on the page. */
async function expectShown(harness: Harness, dataset: Dataset): Promise<void> {
  const { el } = harness;
  expect(plainDataset(el.data)).to.deep.equal(dataset);
  await el.updateComplete;
  // The good rows are in the table (one page of up to 200 rows).
  const ids = dataset.events.map((e) => e.id);
  await waitFor(() => tableIds(el).length === Math.min(200, ids.length));
  if (ids.length <= 200) expect([...tableIds(el)].sort()).to.deep.equal([...ids].sort());
  // Each problem is listed with its file, row, column and reason, in the order the loader gives.
  await waitFor(() => problemRows(el).length === dataset.problems.length || (dataset.problems.length === 0 && problemRows(el).length === 0));
  const wholeFile = msg(el.lang, 'wholeFile');
  expect(problemRows(el).map((cells) => cells.slice(0, 4))).to.deep.equal(
    dataset.problems.map((p) => [p.file, p.row === null ? wholeFile : String(p.row), p.column ?? '—', formatProblem(p, el.lang)]),
  );
  // The chart has a lane for every cluster that has events.
  if (ids.length > 0) {
    await waitFor(() => lanes(el).length > 0);
    const shown = new Set(lanes(el));
    for (const cluster of new Set(dataset.events.map((e) => e.cluster))) expect(shown.has(cluster), `lane ${cluster}`).to.equal(true);
  }
  await settle();
  expectNoMarkupFromData(el);
}

/** The filters still work: a cluster unchecked leaves the chart and comes back. */
async function expectFiltersToggle(el: TlApp): Promise<void> {
  const filters = filtersOf(el);
  await filters.updateComplete;
  const boxes = [...shadow(filters).querySelectorAll<HTMLInputElement>('.cluster-row input[type=checkbox]')];
  if (boxes.length === 0) return;
  const before = lanes(el).length;
  boxes[0]!.click();
  await waitFor(() => lanes(el).length === before - 1);
  const again = [...shadow(filters).querySelectorAll<HTMLInputElement>('.cluster-row input[type=checkbox]')][0]!;
  again.click();
  await waitFor(() => lanes(el).length === before);
}

/** Files "Open CSV…" takes; where two are listed, they are chosen together (events and clusters). */
const LOADED: readonly (readonly string[])[] = [
  ['markup-everywhere.csv'],
  ['markup-clusters.csv', 'markup-everywhere.csv'],
  ['formulas.csv'],
  ['bom.csv'],
  ['crlf.csv'],
  ['semicolon.csv'],
  ['windows-1252.csv'],
  ['utf16le.csv'],
  ['quoted-fields.csv'],
  ['header-only.csv'],
  ['ragged-rows.csv'],
  ['malformed-dates.csv'],
  ['end-before-start.csv'],
  ['duplicate-ids.csv'],
  ['unknown-clusters-events.csv', 'unknown-clusters-clusters.csv'],
  ['keyword-clusters-events.csv', 'keyword-clusters-clusters.csv'],
  ['header-problems.csv'],
  ['unclosed-quote.csv'],
  ['stray-quote.csv'],
  ['mixed-line-endings.csv'],
  ['cr-only-semicolon.csv'],
  ['unicode-and-controls.csv'],
  ['delimiter-mismatch.csv'],
];

/** Files "Open CSV…" refuses, because nothing in them says they are an events file; a link loads them anyway. */
const REFUSED = ['empty.csv', 'blank-lines.csv', 'binary-png.csv', 'unknown-clusters-clusters.csv', 'keyword-clusters-clusters.csv'];

describe('the hostile corpus in the app', () => {
  for (const names of LOADED) {
    it(`${names.join(' + ')}: nothing runs, nothing breaks, the good rows and every problem are shown`, async () => {
      const harness = await mountApp();
      const files = await Promise.all(names.map(corpusFile));
      const expected = await expectedDataset(files);
      await harness.el.host!.loadFiles(files);
      expect(noticesOf(harness.el)).to.deep.equal([]);
      expect(harness.el.sourceName).to.equal(names.find((name) => !name.endsWith('clusters.csv')));
      await expectShown(harness, expected);
      await expectFiltersToggle(harness.el);
      await settle();
      expectNoMarkupFromData(harness.el);
      expectNothingRanOrBroke();
    });
  }

  for (const name of REFUSED) {
    it(`${name}: "Open CSV…" refuses it with a reason; loaded as a link, its problems are listed`, async () => {
      const harness = await mountApp();
      const { el } = harness;
      const bundledRows = loadDataset(BUNDLED_INPUT).events.length;
      const file = await corpusFile(name);
      await el.host!.loadFiles([file]);
      await el.updateComplete;
      const [notice] = noticesOf(el);
      expect(notice).to.match(new RegExp(`^Could not load ${name.replace('.', '\\.')}: None of the chosen files is an events file`));
      // The page keeps what it showed.
      expect(el.sourceName).to.equal(null);
      expect(lanes(el).length).to.be.greaterThan(0);
      await waitFor(() => tableIds(el).length === Math.min(200, bundledRows));

      const expected = loadDataset({ events: { name, text: await file.text() } });
      await harness.loadAsLink(file);
      expect(expected.events).to.deep.equal([]);
      expect(expected.problems.length).to.be.greaterThan(0);
      expect(expected.problems.some((p) => p.severity === 'error')).to.equal(true);
      await expectShown(harness, expected);
      expect(lanes(el)).to.deep.equal([]);
      // Usable still: a good file loads over it.
      await el.host!.loadFiles([await corpusFile('bom.csv')]);
      await waitFor(() => lanes(el).length > 0);
      await waitFor(() => tableIds(el).length === 2);
      expectNothingRanOrBroke();
    });
  }

  it('shows markup from the data as text in the table, the problems, and the event and cluster panels', async () => {
    const harness = await mountApp();
    const { el } = harness;
    await el.host!.loadFiles(await Promise.all(['markup-everywhere.csv', 'markup-clusters.csv'].map(corpusFile)));
    await waitFor(() => tableIds(el).length === 8);
    // The problems' wording is fetched with the first problems to show.
    await waitFor(() => problemRows(el).length > 0);
    const table = shadow(tableOf(el)).textContent!;
    expect(table).to.contain(`<img src=x onerror="window.__pwned='title'">`);
    expect(table).to.contain(`<img src=x onerror="window.__pwned='label'">`);
    expect(problemRows(el).map((cells) => cells[3]).join('\n')).to.contain(`"<img src=x onerror="window.__pwned='confidence'">" is not a confidence`);

    const markupEvent = `<img src=x onerror="window.__pwned='id'">`;
    el.applyView({ ...el.viewState, event: markupEvent, panel: null });
    const eventPanel = await waitForPanel(el);
    const eventText = shadow(eventPanel).textContent!;
    expect(eventText).to.contain(`<img src=x onerror="window.__pwned='title'">`);
    expect(eventText).to.contain("<script>window.__pwned='summary'</script><b>not bold</b>");

    el.applyView({ ...el.viewState, event: null, panel: "<script>window.__pwned='cluster'</script>" });
    await waitFor(() => shadow(shadow(el).querySelector('tl-detail-panel')!).textContent!.includes('alias'));
    const clusterText = shadow(shadow(el).querySelector('tl-detail-panel')!).textContent!;
    expect(clusterText).to.contain(`<img src=x onerror="window.__pwned='alias'">`);
    expect(clusterText).to.contain("<script>window.__pwned='cluster-summary'</script>");
    await settle();
    expectNoMarkupFromData(el);
    expectNothingRanOrBroke();
  });

  it('tells, in Italian too, that a Windows-1252 file is not UTF-8, at its row and column', async () => {
    const harness = await mountApp('it');
    const { el } = harness;
    await el.host!.loadFiles([await corpusFile('windows-1252.csv')]);
    await waitFor(() => problemRows(el).length === 1);
    const [file, row, column, reason, severity] = problemRows(el)[0]!;
    expect([file, row, column]).to.deep.equal(['windows-1252.csv', '2', 'title']);
    expect(reason).to.equal(
      '"Attivit\uFFFD sospetta" contiene caratteri che non è stato possibile leggere (mostrati come \uFFFD): il file non sembra un testo UTF-8. ' +
        'Salvalo di nuovo come UTF-8 (in Excel: «CSV UTF-8») e caricalo di nuovo; anche 1 altra riga contiene caratteri illeggibili',
    );
    expect(severity).to.equal(msg('it', 'severityWarning'));
    // The table draws new rows after the chart has been painted; its updateComplete waits for them.
    await tableOf(el).updateComplete;
    expect(tableIds(el).sort()).to.deep.equal(['cp-1', 'cp-2', 'cp-3']);
    expectNothingRanOrBroke();
  });
});

// ——— Size ———

/** 100,000 events in 6 clusters and every date precision, with quoted cells; generated, never committed. */
function hundredThousandRows(): string {
  let seed = 11;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const kinds = ['intrusion', 'tooling', 'vulnerability', 'publication', 'attribution'];
  const rows = ['id,cluster,kind,start,end,title,summary,confidence,tools,techniques,source_url'];
  for (const c of 'ABCDEF') rows.push(`${c}-op,${c},operating,2005,..,Group ${c},,high,,,https://example.org/${c}`);
  for (let i = rows.length - 1; i < 100_000; i++) {
    const cluster = 'ABCDEF'[Math.floor(random() * 6)];
    const year = 2005 + Math.floor(random() * 16);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    const p = random();
    const start =
      p < 0.1 ? `${year}` : p < 0.2 ? `${year}-Q${Math.ceil(month / 3)}` : p < 0.4 ? `${year}-${String(month).padStart(2, '0')}` : `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const summary = i % 7 === 0 ? `"Seen, again, with ""quotes"" and a\nsecond line"` : 'Short';
    rows.push(`e${i},${cluster},${kinds[i % 5]},${start},,Event ${i},${summary},moderate,Tool ${i % 40};Other,T1190,https://example.org/e/${i}`);
  }
  return rows.join('\n');
}

describe('size', () => {
  it('loads a 100,000-row file through the worker with progress, while the page keeps ticking', async function () {
    this.timeout(180_000);
    const harness = await mountApp();
    const { el, progress } = harness;
    const text = hundredThousandRows();
    const file = new File([text], 'hundred-thousand.csv', { type: 'text/csv' });

    // A timer that re-arms itself: the longest gap between two ticks is how long the page was unresponsive.
    let ticking = true;
    let last = performance.now();
    let longestBeforeData = 0;
    let longestAfterData = 0;
    let ticks = 0;
    let barSeen = 0;
    const tick = () => {
      const now = performance.now();
      const gap = now - last;
      // Until the worker's answer has arrived, all the work is in the worker: the page should barely pause.
      // The gap that ends with the answer in hand holds its deserialisation, so it counts as after.
      const arrived = progress.at(-1)?.phase === 'parsing' && progress.at(-1)?.fraction === 1;
      if (arrived) longestAfterData = Math.max(longestAfterData, gap);
      else longestBeforeData = Math.max(longestBeforeData, gap);
      last = now;
      ticks++;
      const bar = shadow(el).querySelector('tl-data-source')?.shadowRoot?.querySelector('progress');
      if (bar) barSeen = Math.max(barSeen, bar.value);
      if (ticking) setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
    const started = performance.now();
    await el.host!.loadFiles([file]);
    await waitFor(() => tableIds(el).length === 200, 60_000);
    await waitFor(() => lanes(el).length === 6, 60_000);
    const total = performance.now() - started;
    // Let the timer tick once more, so that a gap still open (the data arriving and being drawn) is measured.
    await new Promise((resolve) => setTimeout(resolve, 50));
    ticking = false;

    console.log(
      `100,000 rows: loaded and shown in ${Math.round(total)} ms; ${ticks} timer ticks; longest gap between ticks ` +
        `${Math.round(longestBeforeData)} ms while the worker read and parsed, ${Math.round(longestAfterData)} ms while the page received and drew the data; ` +
        `${progress.length} progress reports, progress bar seen up to ${barSeen.toFixed(2)}`,
    );

    expect(el.data.events.length).to.equal(100_000);
    expect(el.data.problems).to.deep.equal([]);
    expect(noticesOf(el)).to.deep.equal([]);
    expect(shadow(tableOf(el)).querySelector('.pager [role=status]')!.textContent).to.contain('100000');
    // Progress was reported while reading and parsing, in order, and reached 1.
    expect(progress.length).to.be.greaterThan(5);
    expect(progress.at(-1)).to.deep.equal({ phase: 'parsing', fraction: 1 });
    for (const phase of ['reading', 'parsing'] as const) {
      const fractions = progress.filter((p) => p.phase === phase).map((p) => p.fraction);
      expect(fractions.length, phase).to.be.greaterThan(0);
      for (let i = 1; i < fractions.length; i++) expect(fractions[i]!).to.be.at.least(fractions[i - 1]!);
      for (const f of fractions) expect(f).to.be.within(0, 1);
    }
    expect(ticks).to.be.greaterThan(1);
    expect(el.loading).to.equal(null);
    await expectFiltersToggle(el);
    expectNothingRanOrBroke();
  });

  /** A File that says it is 250 MB without holding any bytes, and records any attempt to read it. */
  function hugeFile(name: string): { file: File; reads: string[] } {
    const file = new File([], name, { type: 'text/csv' });
    const reads: string[] = [];
    Object.defineProperty(file, 'size', { get: () => 250 * MB });
    for (const method of ['slice', 'text', 'arrayBuffer', 'stream', 'bytes']) {
      Object.defineProperty(file, method, {
        value: () => {
          reads.push(method);
          throw new Error(`${method}() called on a file over the limit`);
        },
      });
    }
    return { file, reads };
  }

  it('refuses a file over 200 MB before reading it, saying so in English and Italian', async () => {
    const { file, reads } = hugeFile('huge-events.csv');
    expect(file.size).to.be.greaterThan(MAX_FILE_BYTES);
    const failure = fileSizeFailure(file)!;
    expect(failure).to.deep.equal({ code: 'fileTooLarge', params: { file: 'huge-events.csv', size: '250.0 MB', limit: '200 MB' } });
    expect(checkFileSize(file)).to.equal(
      '"huge-events.csv" is 250.0 MB; files over 200 MB cannot be loaded. Split it, or remove the rows and columns you do not need.',
    );
    expect(formatLoadFailure(failure, 'it')).to.equal(
      '"huge-events.csv" pesa 250.0 MB; non si possono caricare file di oltre 200 MB. Dividilo in più file, oppure togli le righe e le colonne che non ti servono.',
    );

    for (const lang of ['en', 'it'] as const) {
      const { el } = await mountApp(lang);
      await el.host!.loadFiles([file]);
      await el.updateComplete;
      const [notice] = noticesOf(el);
      expect(notice).to.equal(msg(lang, 'loadFailed', { name: 'huge-events.csv', reason: formatLoadFailure(failure, lang) }));
      expect(notice).to.match(lang === 'en' ? /^Could not load huge-events\.csv: "huge-events\.csv" is 250\.0 MB; files over 200 MB/ : /^Impossibile caricare huge-events\.csv: "huge-events\.csv" pesa 250\.0 MB/);
      expect(el.sourceName).to.equal(null);
      expect(lanes(el).length).to.be.greaterThan(0);
    }
    expect(reads, 'the file was read').to.deep.equal([]);
    expectNothingRanOrBroke();
  });
});
