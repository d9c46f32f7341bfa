/**
 * The Italian UI, as its own chunk: importing this module registers the Italian strings and date
 * phrases, after which `msg('it', …)` and `formatDateReason(…, 'it')` answer in Italian. The page
 * loads it through ensureLanguage (./language.ts); tests that set `lang = 'it'` directly import it.
 * (The problem, URL-notice, load and panel catalogues load on first use and carry both languages.)
 */

import { DATE_REASONS_IT } from './date-reason-messages.it';
import { registerDateReasons } from './date-reason-messages';
import { MESSAGES_IT } from './messages.it';
import { registerMessages } from './messages';

registerMessages('it', MESSAGES_IT);
registerDateReasons('it', DATE_REASONS_IT);
