import { describe, expect, it } from 'vitest';
import '../../../src/i18n/italian';
import { MESSAGES_IT } from '../../../src/i18n/messages.it';
import { kindLabel, MESSAGES_EN, msg, parseLang } from '../../../src/i18n/messages';

const MESSAGES = { en: MESSAGES_EN, it: MESSAGES_IT };

describe('messages', () => {
  it('has every message, non-empty, in English and Italian, with the same placeholders', () => {
    const keys = Object.keys(MESSAGES.en);
    expect(Object.keys(MESSAGES.it).sort()).toEqual([...keys].sort());
    for (const key of keys as (keyof typeof MESSAGES.en)[]) {
      expect(MESSAGES.en[key].trim(), key).not.toBe('');
      expect(MESSAGES.it[key].trim(), key).not.toBe('');
      const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
      expect(placeholders(MESSAGES.it[key]), key).toEqual(placeholders(MESSAGES.en[key]));
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(msg('en', 'eventsCount', { count: 3, clusters: 2 })).toBe('3 events in 2 clusters');
    expect(msg('it', 'eventsCount', { count: 3 })).toBe('3 eventi in {clusters} cluster');
  });

  it('translates known kinds and shows other kinds as they are', () => {
    expect(kindLabel('it', 'intrusion')).toBe('intrusione');
    expect(kindLabel('it', 'phishing')).toBe('phishing');
  });

  it('reads a language from a URL value or a browser locale', () => {
    expect(parseLang('it-IT')).toBe('it');
    expect(parseLang('EN')).toBe('en');
    expect(parseLang('fr')).toBeNull();
    expect(parseLang(null)).toBeNull();
  });
});
