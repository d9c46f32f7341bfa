/**
 * English is in the first load; another language's strings are fetched when the UI switches to it.
 * Whatever sets a language awaits ensureLanguage first (the app and the element do so before they
 * render), so text never shows in English and then changes; `msg` stays synchronous.
 */

import type { Lang } from '../model/dates';
import { hasMessages } from './messages';

let italian: Promise<void> | null = null;

/** True when the UI can be drawn in `lang` now. */
export function languageReady(lang: Lang): boolean {
  return hasMessages(lang);
}

/**
 * Resolves once `lang`'s strings are loaded (at once for English). Rejects when they could not be
 * fetched; a later call tries again, and meanwhile the UI stays readable in English.
 */
export function ensureLanguage(lang: Lang): Promise<void> {
  if (languageReady(lang)) return Promise.resolve();
  italian ??= import('./italian').then(
    () => undefined,
    (error: unknown) => {
      italian = null;
      throw error;
    },
  );
  return italian;
}
