import { installTrustedTypesPolicy } from './security/trusted-types';
import './page.css';
import { BUNDLED_INPUT, BUNDLED_METADATA_JSON } from './data/bundled';
import { formatLoadError } from './i18n/load-messages';
import { msg, parseLang } from './i18n/messages';
import { formatNotices } from './i18n/problem-messages';
import { loadDataset } from './io/load';
import { EMPTY_META, readMetadata } from './io/metadata';
import { readSnapshot, SNAPSHOT_ID } from './io/snapshot';
import type { LoadProgress } from './io/worker-loader';
import type { Lang } from './model/dates';
import { encodeUrlState } from './state/url-codec';
import { UrlSync } from './state/url-sync';
import { toUrlState } from './state/view-state';
import { saveView } from './ui/app/save-view';
import { LoadRefused, loadFromLinks, loadUserFiles, type LoadedSource, type UserDataResult } from './ui/app/user-data';
import type { AppHost } from './ui/app/tl-app';
import './ui/app/tl-app';

// The page as it arrived, before the app changes anything: "Save this view" starts from it in the standalone file.
const pristineHtml = `<!doctype html>\n${document.documentElement.outerHTML}`;

installTrustedTypesPolicy();

const app = document.querySelector('tl-app');
if (app) start(app);

/** The message an embedding page listens for to size its iframe (see the README). */
export const HEIGHT_MESSAGE = 'deadringer-timeline:height';

function start(app: HTMLElementTagNameMap['tl-app']): void {
  const browserLang: Lang = parseLang(navigator.language) ?? 'en';
  const bundledMeta = readMetadata(BUNDLED_METADATA_JSON);
  const params = new URLSearchParams(location.search);
  let loadController: AbortController | null = null;
  /** The files behind the data shown (null: the bundled data), and their descriptor if any. */
  let currentSource: LoadedSource | null = null;
  let currentMetadataJson: string | null = null;

  const showBundled = () => {
    app.meta = bundledMeta;
    app.data = loadDataset(BUNDLED_INPUT);
    app.sourceName = null;
    currentSource = null;
    currentMetadataJson = null;
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
        const reason = formatLoadError(error, app.lang);
        app.notices = [msg(app.lang, 'loadFailed', { name: app.loading?.name ?? source.src ?? 'CSV', reason })];
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
    loadFiles: (files) => void runLoad((signal) => loadUserFiles(files, progress, signal), { src: null, clustersSrc: null }),
    loadBundled: () => {
      loadController?.abort();
      showBundled();
      app.resetView();
      sync.push(app.viewState);
    },
    cancelLoad: () => loadController?.abort(),
    viewChanged: (view, mode) => (mode === 'push' ? sync.push(view) : sync.replace(view)),
    saveView: () => {
      const view = app.viewState;
      // A saved file carries its data inside: links to ?src= would not resolve where it is opened.
      const search = encodeUrlState({ ...toUrlState(view, browserLang), src: null, clustersSrc: null });
      saveView({ pristineHtml, source: currentSource, metadataJson: currentMetadataJson, search, dataName: app.sourceName }).catch((error: unknown) => {
        app.notices = [msg(app.lang, 'saveFailed', { reason: error instanceof Error ? error.message : String(error) })];
        console.error(error);
      });
    },
  };

  const sync = new UrlSync(browserLang, (view, notices) => {
    app.applyView(view);
    if (notices.length) app.notices = formatNotices(notices, app.lang);
  });

  app.host = host;
  watchForFailures(app);
  app.embed = params.get('embed') === '1';
  if (app.embed) {
    document.documentElement.classList.add('embed');
    postHeightToParent(app);
  }

  // A saved view carries its data and its view; a link's own parameters still win over the saved view.
  const snapshot = readSnapshot(document.getElementById(SNAPSHOT_ID)?.textContent);
  const linkHasView = [...params.keys()].some((key) => key !== 'embed');
  const { view, notices } = sync.read(snapshot && !linkHasView ? snapshot.search : location.search);
  const linkedData = view.src && !snapshot?.events ? view.src : null;
  if (snapshot?.events) {
    const metadataJson = snapshot.metadataJson ?? null;
    app.meta = metadataJson ? readMetadata(metadataJson) : { ...EMPTY_META, title: snapshot.events.name };
    app.data = loadDataset({ events: snapshot.events, clusters: snapshot.clusters });
    app.sourceName = snapshot.events.name;
    currentSource = { events: snapshot.events, clusters: snapshot.clusters };
    currentMetadataJson = metadataJson;
  } else if (!linkedData) {
    // With ?src= the bundled data is not drawn first: the linked file is what the reader came for.
    showBundled();
  }
  app.applyView(view);
  if (notices.length) app.notices = formatNotices(notices, app.lang);
  if (linkedData) {
    void runLoad((signal) => loadFromLinks(linkedData, view.clustersSrc, progress, signal), { src: linkedData, clustersSrc: view.clustersSrc }).then(() => {
      if (app.sourceName) app.applyView(view); // the link's own view applies to the data it names
      else showBundled(); // the link could not be loaded: fall back to the bundled data, under the notice
    });
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
