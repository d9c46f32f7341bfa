import { installTrustedTypesPolicy } from './security/trusted-types';
import './page.css';
import { loadBundledData } from './data/bundled-dataset';
import { createParseWorker } from './io/create-parse-worker';
import { startWorkerEarly } from './io/early-worker';
import { ensureLanguage } from './i18n/language';
import { msg, parseLang } from './i18n/messages';
import { EMPTY_META } from './io/dataset-meta';
import type { Snapshot, SnapshotFile } from './io/snapshot';
import { SNAPSHOT_ID } from './io/snapshot-id';
import type { LoadProgress } from './io/worker-loader';
import type { Lang } from './model/dates';
import { encodeUrlState, type UrlNotice } from './state/url-codec';
import { UrlSync } from './state/url-sync';
import { toUrlState } from './state/view-state';
import type { LoadedSource, UserDataResult } from './ui/app/user-data';
import type { AppHost } from './ui/app/tl-app';
import './ui/app/tl-app';

// Loaded when first needed, not with the page: reading CSV files (user-data.ts starts the worker),
// "Save this view", and the wording of a failed load.
const userData = () => import('./ui/app/user-data');
// Also on demand: the wording of a link's ignored parameters, and the reading of a saved view's block.
const urlNoticeMessages = () => import('./i18n/url-notice-messages');
const snapshotReader = () => import('./io/snapshot');

// The page as it arrived, before the app changes anything: "Save this view" starts from it in the standalone file.
const pristineHtml = `<!doctype html>\n${document.documentElement.outerHTML}`;

installTrustedTypesPolicy();

const app = document.querySelector('tl-app');
if (app) start(app);

/** The message an embedding page listens for to size its iframe (see the README). */
export const HEIGHT_MESSAGE = 'deadringer-timeline:height';

function start(app: HTMLElementTagNameMap['tl-app']): void {
  const browserLang: Lang = parseLang(navigator.language) ?? 'en';
  // Requested at once, even when a link names other data: "Back to the DeadRinger data" then needs no request.
  const bundled = loadBundledData();
  const params = new URLSearchParams(location.search);
  // A link to a CSV file: its worker starts now, while the page starts, rather than with the
  // download, so that it is ready when the first bytes arrive.
  const linkWorker = params.has('src') ? startWorkerEarly(createParseWorker) : null;
  let loadController: AbortController | null = null;
  /** The files behind the data shown (null: the bundled data), and their descriptor if any. */
  let currentSource: LoadedSource | null = null;
  let currentMetadataJson: string | null = null;

  /** Shows the bundled data once it is there; false if it could not be loaded (the failure is shown). */
  const showBundled = async (): Promise<boolean> => {
    let data;
    try {
      data = await bundled;
    } catch (error) {
      app.failure = error instanceof Error ? error.message : String(error);
      console.error(error);
      return false;
    }
    app.meta = data.meta;
    app.data = data.dataset;
    app.sourceName = null;
    currentSource = null;
    currentMetadataJson = null;
    return true;
  };

  const progress = (p: LoadProgress, name: string) => (app.loading = { name, phase: p.phase, fraction: p.fraction });

  /** Runs one load at a time; a new one cancels the previous. The current data stays until the new data is ready. */
  async function runLoad(load: (signal: AbortSignal) => Promise<UserDataResult>, source: { src: string | null; clustersSrc: string | null }) {
    loadController?.abort();
    const controller = new AbortController();
    loadController = controller;
    try {
      const result = await load(controller.signal);
      if (controller.signal.aborted) return;
      app.meta = { ...EMPTY_META, title: result.name };
      app.data = result.dataset;
      app.sourceName = result.name;
      currentSource = result.source;
      currentMetadataJson = null;
      app.resetView(source);
      sync.push(app.viewState);
    } catch (error) {
      if (controller.signal.aborted || (error instanceof DOMException && error.name === 'AbortError')) {
        app.notices = [msg(app.lang, 'loadCancelled')];
      } else {
        // A refusal or failure with a code is worded in the UI's language; any other error shows its own message.
        const name = app.loading?.name ?? source.src ?? 'CSV';
        const [{ formatLoadError }, { LoadRefused }] = await Promise.all([import('./i18n/load-messages'), userData()]);
        app.notices = [msg(app.lang, 'loadFailed', { name, reason: formatLoadError(error, app.lang) })];
        if (!(error instanceof LoadRefused)) console.error(error);
      }
    } finally {
      if (loadController === controller) {
        loadController = null;
        app.loading = null;
      }
    }
  }

  const host: AppHost = {
    loadFiles: (files) =>
      void runLoad(async (signal) => (await userData()).loadUserFiles(files, progress, signal), { src: null, clustersSrc: null }),
    loadBundled: () => {
      loadController?.abort();
      void showBundled().then((shown) => {
        if (!shown) return;
        app.resetView();
        sync.push(app.viewState);
      });
    },
    cancelLoad: () => loadController?.abort(),
    viewChanged: (view, mode) => (mode === 'push' ? sync.push(view) : sync.replace(view)),
    saveView: () => {
      const view = app.viewState;
      // A saved file carries its data inside: links to ?src= would not resolve where it is opened.
      const search = encodeUrlState({ ...toUrlState(view, browserLang), src: null, clustersSrc: null });
      const options = { pristineHtml, source: currentSource, metadataJson: currentMetadataJson, search, dataName: app.sourceName };
      import('./ui/app/save-view').then(({ saveView }) => saveView(options)).catch((error: unknown) => {
        app.notices = [msg(app.lang, 'saveFailed', { reason: error instanceof Error ? error.message : String(error) })];
        console.error(error);
      });
    },
  };

  /** Says what a link's parameters had that was ignored, in the UI's language (the wording loads on first use). */
  const showNotices = (notices: readonly UrlNotice[]) => {
    if (!notices.length) return;
    urlNoticeMessages()
      .then(({ formatNotices }) => (app.notices = formatNotices(notices, app.lang)))
      .catch((error: unknown) => console.error(error));
  };

  const sync = new UrlSync(browserLang, (view, notices) => {
    // Back/Forward to another language: its strings first, then the view (see TlApp.scheduleUpdate).
    void ensureLanguage(view.lang)
      .catch((error: unknown) => console.error(error))
      .then(() => {
        app.applyView(view);
        showNotices(notices);
      });
  });

  app.host = host;
  watchForFailures(app);
  app.embed = params.get('embed') === '1';
  if (app.embed) {
    document.documentElement.classList.add('embed');
    postHeightToParent(app);
  }

  // A saved view carries its data and its view, in a JSON block read only when the page has one.
  const snapshotText = document.getElementById(SNAPSHOT_ID)?.textContent;
  if (!snapshotText) return open(null);
  app.setAttribute('data-starting', '');
  snapshotReader().then(
    ({ readSnapshot }) => open(readSnapshot(snapshotText)),
    (error: unknown) => {
      app.removeAttribute('data-starting');
      app.failure = error instanceof Error ? error.message : String(error);
      console.error(error);
    },
  );

  /** Shows the view the link (or the saved view) asks for; a link's own parameters win over the saved view. */
  function open(snapshot: Snapshot | null): void {
    const linkHasView = [...params.keys()].some((key) => key !== 'embed');
    const { view, notices } = sync.read(snapshot && !linkHasView ? snapshot.search : location.search);
    const linkedData = view.src && !snapshot?.events ? view.src : null;
    // Italian strings are fetched alongside the data; the app is shown once both are there (no English first).
    const language = ensureLanguage(view.lang).catch((error: unknown) => console.error(error));
    const applyViewFromLink = () => {
      app.applyView(view);
      showNotices(notices);
    };
    if (linkedData) {
      // With ?src= the bundled data is not drawn first: the linked file is what the reader came for.
      app.removeAttribute('data-starting'); // set while a saved view's block was read
      applyViewFromLink();
      void runLoad(async (signal) => (await userData()).loadFromLinks(linkedData, view.clustersSrc, progress, signal, linkWorker ?? undefined), {
        src: linkedData,
        clustersSrc: view.clustersSrc,
      }).then(async () => {
        if (app.sourceName) app.applyView(view); // the link's own view applies to the data it names
        else await showBundled(); // the link could not be loaded: fall back to the bundled data, under the notice
      });
      return;
    }
    linkWorker?.discard();
    // Until its data is there (a moment: index.html preloads it) the app is laid out but not shown,
    // so the page goes from blank to the timeline without an empty one in between.
    app.setAttribute('data-starting', '');
    const shown = snapshot?.events ? showSnapshot(snapshot.events, snapshot.clusters, snapshot.metadataJson ?? null) : showBundled();
    void language
      .then(async () => {
        await shown;
      })
      .finally(() => {
        applyViewFromLink();
        app.removeAttribute('data-starting');
      });
  }

  /** A saved view's own files, read on the page (the single file has the CSV reader inside). */
  async function showSnapshot(events: SnapshotFile, clusters: SnapshotFile | undefined, metadataJson: string | null): Promise<void> {
    const [{ loadDataset }, { readMetadata }] = await Promise.all([import('./io/load'), import('./io/metadata')]);
    app.meta = metadataJson ? readMetadata(metadataJson) : { ...EMPTY_META, title: events.name };
    app.data = loadDataset({ events, clusters });
    app.sourceName = events.name;
    currentSource = { events, clusters };
    currentMetadataJson = metadataJson;
  }
}

/** In an iframe, tells the host page how tall the content is whenever that changes, so it can size the frame. */
function postHeightToParent(app: HTMLElement): void {
  if (window.parent === window) return;
  let last = 0;
  new ResizeObserver(() => {
    const height = Math.ceil(app.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    // The height is no secret, and the host's origin is not known in advance.
    window.parent.postMessage({ type: HEIGHT_MESSAGE, height }, '*');
  }).observe(app);
}

/**
 * Errors never go silent: an unexpected error is shown in the page with a way back to the
 * bundled data. The browser has already logged it to the console, so it is not logged again.
 */
function watchForFailures(app: HTMLElementTagNameMap['tl-app']): void {
  const show = (reason: unknown) => {
    const message = reason instanceof Error ? reason.message : typeof reason === 'string' ? reason : String(reason);
    // Cross-origin script errors carry no detail, and the ResizeObserver loop notice is harmless.
    if (!message || message === 'Script error.' || message.startsWith('ResizeObserver loop')) return;
    app.failure = message;
  };
  window.addEventListener('error', (event) => show(event.error ?? event.message));
  window.addEventListener('unhandledrejection', (event) => show(event.reason));
}
