import { BUNDLED_INPUT, BUNDLED_METADATA_JSON } from './data/bundled';
import { parseLang } from './i18n/messages';
import { loadDataset } from './io/load';
import { readMetadata } from './io/metadata';
import './ui/app/tl-app';

const app = document.querySelector('tl-app');
if (app) {
  const params = new URLSearchParams(location.search);
  app.lang = parseLang(params.get('lang')) ?? parseLang(navigator.language) ?? 'en';
  document.documentElement.lang = app.lang;
  app.meta = readMetadata(BUNDLED_METADATA_JSON);
  app.data = loadDataset(BUNDLED_INPUT);
  document.title = app.meta.title ?? document.title;
}
