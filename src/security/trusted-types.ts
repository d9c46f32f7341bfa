/**
 * The `default` Trusted Types policy. The page enforces Trusted Types, so every script URL must
 * pass here: only blob: URLs (the inlined CSV worker) and URLs on the page's own origin are let
 * through. HTML and script strings are never accepted.
 */
interface TrustedTypePolicyFactoryLike {
  createPolicy(name: string, rules: { createScriptURL?: (url: string) => string }): unknown;
  defaultPolicy?: unknown;
}

export function installTrustedTypesPolicy(): void {
  const factory = (globalThis as { trustedTypes?: TrustedTypePolicyFactoryLike }).trustedTypes;
  if (!factory || factory.defaultPolicy) return;
  factory.createPolicy('default', {
    createScriptURL(url: string): string {
      const parsed = new URL(url, location.href);
      if (parsed.protocol === 'blob:' || (parsed.origin === location.origin && location.origin !== 'null')) return url;
      throw new TypeError(`Blocked a script URL that is not on this site: ${parsed.href}`);
    },
  });
}
