/** The id of a saved view's JSON block (./snapshot.ts); on its own so the page can look for the block without loading the reader. */
export const SNAPSHOT_ID = 'tl-snapshot';
