/**
 * The detail panel's code (<tl-detail-panel>, what it shows, its styles and wording), loaded the
 * first time a panel opens (a lane header, a cluster's details button, a mark, "About this data", or
 * a link with `panel=` or `event=`): most visits never open one, so it stays out of the first load.
 * Until it arrives, <tl-detail-panel> is an undefined element; Lit keeps the properties set on it and
 * hands them to the element when it upgrades.
 */

let loading: Promise<void> | null = null;

/** Resolves once <tl-detail-panel> is defined; a failed load is tried again on the next call. */
export function loadDetailPanel(): Promise<void> {
  loading ??= import('../panel/tl-detail-panel').then(
    () => undefined,
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}
