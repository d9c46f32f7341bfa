import { parseSourceDate, type SourceDate } from '../model/dates';
import { EMPTY_META, type DatasetMeta } from './dataset-meta';

export { EMPTY_META, type DatasetMeta } from './dataset-meta';

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
const record = (value: unknown): Record<string, unknown> | null =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
const httpUrl = (value: unknown): string | null => {
  const candidate = text(value);
  if (!candidate) return null;
  try {
    const url = new URL(candidate);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
};
const date = (value: unknown): SourceDate | null => {
  const candidate = text(value);
  if (!candidate) return null;
  const parsed = parseSourceDate(candidate);
  return parsed.ok ? parsed.value : null;
};
const bilingual = (value: unknown): { en: string; it: string } | null => {
  const r = record(value);
  const en = text(r?.en);
  return en ? { en, it: text(r?.it) ?? en } : null;
};

/** Reads a Frictionless datapackage.json (plus our own report/cutoff/view/keyFinding/hypotheses); anything malformed is left out. */
export function readMetadata(json: string): DatasetMeta {
  let root: Record<string, unknown> | null;
  try {
    root = record(JSON.parse(json));
  } catch {
    return EMPTY_META;
  }
  if (!root) return EMPTY_META;
  const report = record(root.report);
  const view = record(root.view);
  const viewFrom = date(view?.from);
  const viewTo = date(view?.to);
  const list = (value: unknown) => (Array.isArray(value) ? value.map(record).filter((r): r is Record<string, unknown> => r !== null) : []);
  return {
    title: text(root.title),
    description: text(root.description),
    report:
      report && text(report.title)
        ? { title: text(report.title)!, publisher: text(report.publisher) ?? '', date: text(report.date) ?? '', url: httpUrl(report.url) }
        : null,
    cutoff: date(root.cutoff),
    view: viewFrom && viewTo && viewTo.latest > viewFrom.earliest ? { from: viewFrom, to: viewTo } : null,
    keyFinding: bilingual(root.keyFinding),
    hypotheses: Array.isArray(root.hypotheses) ? root.hypotheses.map(bilingual).filter((h): h is { en: string; it: string } => h !== null) : [],
    sources: list(root.sources)
      .map((s) => ({ title: text(s.title) ?? '', url: httpUrl(s.path) }))
      .filter((s) => s.title !== ''),
    licenses: list(root.licenses)
      .map((l) => ({ title: text(l.title) ?? text(l.name) ?? '', url: httpUrl(l.path) }))
      .filter((l) => l.title !== ''),
  };
}
