import { eventsToCsv } from '../../export/csv';
import type { DatasetMeta } from '../../io/metadata';
import { formatSourceDate, sourceDateAt, type Lang } from '../../model/dates';
import type { Cluster, TimelineEvent } from '../../model/types';
import { msg } from '../../i18n/messages';
import { downloadBlob } from '../download';
import type { ExportFormat } from '../export/tl-export-menu';
import { svgToPng, timelineImage } from '../timeline/export-image';
import type { TlTimeline } from '../timeline/tl-timeline';

export interface ExportContext {
  readonly format: ExportFormat;
  /** The rows the current filters show. */
  readonly events: readonly TimelineEvent[];
  readonly clusters: readonly Cluster[];
  readonly meta: DatasetMeta;
  readonly sourceName: string | null;
  readonly cutoff: number;
  readonly lang: Lang;
  readonly timeline: TlTimeline;
}

function baseName(context: ExportContext): string {
  const name = context.sourceName?.replace(/\.(csv|tsv|txt)$/i, '') ?? 'deadringer';
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'timeline';
}

function sourceLine(context: ExportContext): string {
  const report = context.meta.report;
  const source = report
    ? `${report.publisher ? `${report.publisher}, ` : ''}“${report.title}”${report.date ? ` (${report.date})` : ''}${report.url ? ` ${report.url}` : ''}`
    : (context.sourceName ?? context.meta.title ?? '');
  const today = formatSourceDate(sourceDateAt(Date.now(), 'day'), context.lang);
  return msg(context.lang, 'imageSource', { source, date: today });
}

const json = (value: unknown) => new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' });

/** Makes the chosen file from what the filters show and offers it as a download. */
export async function runExport(context: ExportContext): Promise<void> {
  const base = baseName(context);
  const title = context.meta.title ?? context.sourceName ?? msg(context.lang, 'appTitle');
  switch (context.format) {
    case 'csv':
      return downloadBlob(new Blob([eventsToCsv(context.events)], { type: 'text/csv;charset=utf-8' }), `${base}-events.csv`);
    case 'svg': {
      const image = timelineImage(context.timeline.imageParts(), title, sourceLine(context));
      return downloadBlob(new Blob([image.text], { type: 'image/svg+xml' }), `${base}-timeline.svg`);
    }
    case 'png': {
      // The PNG is drawn at twice the chart's size: so is the picture of its dense marks.
      const image = timelineImage(context.timeline.imageParts(2), title, sourceLine(context));
      return downloadBlob(await svgToPng(image.text, image.width, image.height, 2), `${base}-timeline.png`);
    }
    case 'stix': {
      // Loaded on demand: most users never export STIX, so its code stays out of the first load.
      const { toStixBundle } = await import('../../export/stix');
      const bundle = toStixBundle({ clusters: context.clusters, events: context.events, meta: context.meta, cutoff: context.cutoff });
      return downloadBlob(json(bundle), `${base}-stix-bundle.json`);
    }
    case 'navigator': {
      const { toNavigatorLayer } = await import('../../export/attack-navigator');
      const layer = toNavigatorLayer({ clusters: context.clusters, events: context.events, title, mode: 'cluster' });
      return downloadBlob(json(layer), `${base}-attack-layer.json`);
    }
  }
}
