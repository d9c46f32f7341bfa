import { expect, fixture, html } from '@open-wc/testing';
import '../../src/i18n/italian';
import { MESSAGES_EN } from '../../src/i18n/messages';
import { MESSAGES_IT } from '../../src/i18n/messages.it';
import { PANEL_MESSAGES } from '../../src/i18n/panel-messages';
import { formatProblem } from '../../src/i18n/problem-messages';
import { loadDataset } from '../../src/io/load';
import { EMPTY_META } from '../../src/io/metadata';
import type { TlApp } from '../../src/ui/app/tl-app';
import '../../src/ui/app/tl-app';
import { waitFor, waitForPanel } from './helpers';

// Data written so that no English word in it could be mistaken for an untranslated UI string.
const EVENTS = `id,cluster,kind,start,end,title,summary,summary_it,confidence,contested,targets,tools,techniques,cves,source_title,source_url
e1,A,operating,2012,..,Gruppo Alfa,,Sintesi alfa,high,,telco,Strumento,T1190,,Fonte uno,https://example.org/1
e2,A,activity,2018,2021-Q1,Attività Alfa,,Sintesi due,moderate,true,,,,,Fonte due,https://example.org/2
e3,B,intrusion,2020-11-15,,Intrusione Beta,,,low,,,,,CVE-2021-26855,,https://example.org/3
e4,context,publication,2021-03-02,,Rapporto,,,,,,,,,,https://example.org/4
bad,B,intrusion,2020-Q5,,Riga rotta,,,,,,,,,,https://example.org/5`;
const CLUSTERS = `id,label,name,attributed_to,attribution_confidence,aliases,mitre_groups
A,Gruppo A,Alfa,Attore Uno,low,Alfa;Uno,G0093
B,Gruppo B,Beta,,,,`;

const COLUMN_NAMES = new Set(EVENTS.split('\n')[0]!.split(','));
const ITALIAN_LOANWORDS = new Set(['cluster', 'zoom', 'file']);

/** Every piece of text a person can see or hear: text nodes, labels and titles, through every shadow root. */
function visibleText(root: Node): string[] {
  const out: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const text = node.textContent?.trim();
      if (text && node.parentElement?.closest('style, script') === null) out.push(text);
      return;
    }
    if (node instanceof Element) {
      for (const attribute of ['aria-label', 'title', 'placeholder']) {
        const value = node.getAttribute(attribute);
        if (value) out.push(value);
      }
      if (node.shadowRoot) walk(node.shadowRoot);
    }
    node.childNodes.forEach(walk);
  };
  walk(root);
  return out;
}

/** The fixed words of every English message that differs from its Italian one (placeholders cut out). */
function englishFragments(): string[] {
  const fragments = new Set<string>();
  for (const [en, it] of [
    [MESSAGES_EN, MESSAGES_IT],
    [PANEL_MESSAGES.en, PANEL_MESSAGES.it],
  ] as [Record<string, string>, Record<string, string>][]) {
    for (const key of Object.keys(en)) {
      if (en[key] === it[key]) continue;
      for (const piece of en[key]!.split(/\{\w+\}/)) {
        const fragment = piece.trim().replace(/^[\s,.:;·—–()“”"]+|[\s,.:;·—–()“”"]+$/g, '');
        // Short pieces ("Q", "of") are not meaningful on their own.
        if (fragment.length >= 5) fragments.add(fragment);
      }
    }
  }
  return [...fragments];
}

describe('the Italian interface (lang=it)', () => {
  /** Renders the app in a language, opens every view in turn, and returns all the text it showed. */
  async function textsIn(lang: 'en' | 'it') {
    const data = loadDataset({ events: { name: 'eventi.csv', text: EVENTS }, clusters: { name: 'cluster.csv', text: CLUSTERS } });
    const el = await fixture<TlApp>(html`<tl-app lang=${lang} .meta=${{ ...EMPTY_META, title: 'Dati di prova' }} .data=${data} source-name="eventi.csv"></tl-app>`);
    const root = el.shadowRoot!;
    const timeline = root.querySelector('tl-timeline')!;
    await waitFor(() => timeline.shadowRoot!.querySelectorAll('g.mark').length > 0);
    // The problems' wording is fetched with the first problems to show.
    await waitFor(() => root.querySelector('tl-problems')!.shadowRoot!.querySelectorAll('tbody tr').length === data.problems.length);
    const texts: string[] = [];
    const collect = async () => {
      await el.updateComplete;
      await new Promise((r) => requestAnimationFrame(r));
      texts.push(...visibleText(el));
    };
    await collect();
    // A cluster panel, an event panel (with its tooltip), the about panel, the export menu.
    root.querySelector('tl-filters')!.shadowRoot!.querySelector<HTMLButtonElement>('button.info')!.click();
    await waitForPanel(el);
    await collect();
    const mark = timeline.shadowRoot!.querySelector<SVGGElement>('g.mark[data-id="e2"]')!;
    mark.focus();
    mark.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    await collect();
    root.querySelector('tl-detail-panel')!.shadowRoot!.querySelector<HTMLButtonElement>('button.close')!.click();
    await el.updateComplete;
    root.querySelector<HTMLButtonElement>('.header-controls button')!.click();
    await waitForPanel(el);
    await collect();
    root.querySelector('tl-export-menu')!.shadowRoot!.querySelector<HTMLButtonElement>('button.toggle')!.click();
    await collect();
    return { texts, data };
  }

  it('leaves no English UI string anywhere: app, filters, chart, legend, panels, export menu, problems', async () => {
    const { texts, data } = await textsIn('it');
    const all = texts.join('\n');
    // Whole words only: "Legend" inside "Legenda" is Italian, and "events" in "events.csv" is a file name.
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const leftovers = englishFragments().filter((fragment) => new RegExp(`(?<![\\p{L}])${escape(fragment)}(?![\\p{L}]|\\.csv)`, 'u').test(all));
    expect(leftovers).to.deep.equal([]);
    // Load problems are in Italian too.
    expect(data.problems.length).to.be.greaterThan(0);
    for (const problem of data.problems) {
      expect(all).to.include(formatProblem(problem, 'it'));
      expect(all).not.to.include(problem.message);
    }
    // Dates the Italian way.
    expect(all).to.include('2018 – T1 2021');
    expect(all).to.include('15 nov 2020');
  });

  it('shows in Italian only what is the same in both languages: data, names, numbers and symbols', async () => {
    const english = new Set((await textsIn('en')).texts);
    const italian = new Set((await textsIn('it')).texts);
    const shared = [...italian].filter((text) => english.has(text));
    // Anything shared must be free of English words the catalogue translates.
    const words = new Set(
      englishFragments()
        .flatMap((fragment) => fragment.split(/[^\p{L}]+/u))
        .filter((word) => word.length >= 4)
        .map((word) => word.toLowerCase()),
    );
    // Loanwords Italian uses as they are, and the CSV's column names, are not English leftovers.
    for (const word of [...words]) if (ITALIAN_LOANWORDS.has(word) || COLUMN_NAMES.has(word)) words.delete(word);
    const suspicious = shared.filter((text) => text.split(/[^\p{L}]+/u).some((word) => words.has(word.toLowerCase())));
    expect(suspicious).to.deep.equal([]);
  });
});
