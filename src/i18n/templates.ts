/** One sentence builder per code, each given that code's parameters. */
export type Templates<P> = { readonly [C in keyof P]: (params: Readonly<P[C]>) => string };

/** Calls the template for a code; generic so that the code and its parameters stay paired. */
export function applyTemplate<P, C extends keyof P>(templates: Templates<P>, code: C, params: Readonly<P[C]>): string {
  return templates[code](params);
}
