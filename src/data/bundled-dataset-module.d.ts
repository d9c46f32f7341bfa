// The virtual module made by build/bundled-dataset-plugin.ts: where the bundled dataset's JSON is
// (the hosted site) or the JSON text itself (the single-file build).
declare module 'virtual:bundled-dataset' {
  const source: { readonly url: string } | { readonly json: string };
  export default source;
}
