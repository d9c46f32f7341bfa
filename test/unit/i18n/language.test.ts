import { describe, expect, it } from 'vitest';
import { formatDateReason } from '../../../src/i18n/date-reason-messages';
import { ensureLanguage, languageReady } from '../../../src/i18n/language';
import { msg } from '../../../src/i18n/messages';
import { parseSourceDate, type DateReason } from '../../../src/model/dates';

// No static import of ../../../src/i18n/italian here: this file checks the lazy path.
describe('languages loaded on demand', () => {
  it('has English at once, and Italian only after ensureLanguage', async () => {
    const failed = parseSourceDate('2021-13');
    expect(failed.ok).toBe(false);
    const reason = failed as DateReason;
    expect(languageReady('en')).toBe(true);
    expect(languageReady('it')).toBe(false);
    // Until the Italian table is there, Italian falls back to English rather than to nothing.
    expect(msg('it', 'appTitle')).toBe('Threat-actor activity timeline');
    expect(formatDateReason(reason, 'it')).toBe(formatDateReason(reason, 'en'));

    await ensureLanguage('en');
    expect(languageReady('it')).toBe(false);
    await Promise.all([ensureLanguage('it'), ensureLanguage('it')]);
    expect(languageReady('it')).toBe(true);
    expect(msg('it', 'appTitle')).toBe('Cronologia delle attività degli attori delle minacce');
    expect(msg('en', 'appTitle')).toBe('Threat-actor activity timeline');
    expect(formatDateReason(reason, 'it')).toBe('il mese 13 non esiste: i mesi vanno da 01 a 12');
  });
});
