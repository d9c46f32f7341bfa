import { BUNDLED_INPUT, BUNDLED_METADATA_JSON } from './data/bundled';
import { msg, parseLang } from './i18n/messages';
import { loadDataset } from './io/load';
import { EMPTY_META, readMetadata } from './io/metadata';
import type { LoadProgress } from './io/worker-loader';
import type { Lang } from './model/dates';
import { UrlSync } from './state/url-sync';
import { LoadRefused, loadFromLinks, loadUserFiles, type UserDataResult } from './ui/app/user-data';
import type { AppHost } from './ui/app/tl-app';
import './ui/app/tl-app';

const app = document.querySelector('tl-app');
if (app) start(app);

function start(app: HTMLElementTagNameMap['tl-app']): void {
  const browserLang: Lang = parseLang(navigator.language) ?? 'en';
  const bundledMeta = readMetadata(BUNDLED_METADATA_JSON);
  let loadController: AbortController | null = null;

  const showBundled = () => {
    app.meta = bundledMeta;
    app.data = loadDataset(BUNDLED_INPUT);
    app.sourceName = null;
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
      app.resetView(source);
      sync.push(app.viewState);
    } catch (error) {
      if (controller.signal.aborted || (error instanceof DOMException && error.name === 'AbortError')) {
        app.notices = [msg(app.lang, 'loadCancelled')];
      } else {
        const reason = error instanceof Error ? error.message : String(error);
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
  };

  const sync = new UrlSync(browserLang, (view, notices) => {
    app.applyView(view);
    if (notices.length) app.notices = notices;
  });

  const { view, notices } = sync.read();
  app.host = host;
  showBundled();
  app.applyView(view);
  if (notices.length) app.notices = notices;
  if (view.src) {
    const src = view.src;
    void runLoad((signal) => loadFromLinks(src, view.clustersSrc, progress, signal), { src, clustersSrc: view.clustersSrc }).then(() => {
      // The link's own view (filters, window, panel) applies to the data it names.
      if (app.sourceName) app.applyView(view);
    });
  }
}
