import type { SourceDate } from '../model/dates';

// The shape of a dataset's metadata and its empty value, apart from the reader (./metadata.ts):
// the page reads a datapackage.json only when a saved view carries one (the bundled data's
// metadata is read at build time).

/** What a dataset says about itself: the "About this data" panel and the view read it. Every field may be missing. */
export interface DatasetMeta {
  readonly title: string | null;
  readonly description: string | null;
  readonly report: { readonly title: string; readonly publisher: string; readonly date: string; readonly url: string | null } | null;
  readonly cutoff: SourceDate | null;
  readonly view: { readonly from: SourceDate; readonly to: SourceDate } | null;
  readonly keyFinding: { readonly en: string; readonly it: string } | null;
  readonly hypotheses: readonly { readonly en: string; readonly it: string }[];
  readonly sources: readonly { readonly title: string; readonly url: string | null }[];
  readonly licenses: readonly { readonly title: string; readonly url: string | null }[];
}

export const EMPTY_META: DatasetMeta = {
  title: null,
  description: null,
  report: null,
  cutoff: null,
  view: null,
  keyFinding: null,
  hypotheses: [],
  sources: [],
  licenses: [],
};
