import { html, svg, type TemplateResult } from 'lit';
import { glyphForKind, glyphPath } from '../../chart/glyphs';
import type { Lang } from '../../model/dates';
import { kindLabel, msg } from '../../i18n/messages';

const POINT_KINDS = ['intrusion', 'tooling', 'vulnerability', 'publication', 'attribution'];

/** The kinds whose glyph the legend shows: the standard point kinds, then any other kind drawn as a point. */
export function legendKinds(pointKindsInData: Iterable<string>): string[] {
  const extra = [...new Set(pointKindsInData)].filter((kind) => !POINT_KINDS.includes(kind));
  return [...POINT_KINDS, ...extra];
}

function swatch(content: TemplateResult | ReturnType<typeof svg>): TemplateResult {
  return html`<svg class="legend-swatch" width="34" height="16" viewBox="0 0 34 16" aria-hidden="true">${content}</svg>`;
}

/** The legend: every encoding the chart uses, each drawn the way the chart draws it. */
export function renderLegend(lang: Lang, kinds: readonly string[]): TemplateResult {
  return html`<section class="legend" aria-labelledby="legend-heading">
    <h3 id="legend-heading">${msg(lang, 'legendHeading')}</h3>
    <ul>
      <li>${swatch(svg`<rect class="legend-operating" x="1" y="4" width="32" height="8"></rect>`)}${msg(lang, 'legendOperating')}</li>
      <li>${swatch(svg`<rect class="legend-activity" x="1" y="1" width="32" height="14"></rect>`)}${msg(lang, 'legendActivity')}</li>
      <li>${swatch(svg`<defs><linearGradient id="legend-fade"><stop offset="0" stop-opacity="0.06" class="legend-stop"></stop><stop offset="0.7" stop-opacity="0.92" class="legend-stop"></stop></linearGradient></defs><rect x="1" y="1" width="32" height="14" fill="url(#legend-fade)"></rect>`)}${msg(lang, 'legendYearStart')}</li>
      <li>${swatch(svg`<rect class="legend-activity" x="6" y="1" width="27" height="14"></rect><line class="approx-edge" x1="6" x2="6" y1="0" y2="16"></line>`)}${msg(lang, 'legendApproximate')}</li>
      <li>${swatch(svg`<rect class="legend-activity" x="1" y="1" width="22" height="14"></rect><path class="legend-arrow" d="M23,0L31,8L23,16Z"></path>`)}${msg(lang, 'legendOngoing')}</li>
      <li>${swatch(svg`<path class="bracket" d="M2,9V13H32V9"></path><path class="legend-glyph" transform="translate(17 5)" d=${glyphPath('diamond', 9)}></path>`)}${msg(lang, 'legendCoarse')}</li>
      <li>${swatch(svg`<path class="legend-span" d="M6,4V12M6,8H32M32,4V12"></path><path class="legend-glyph" transform="translate(6 8)" d=${glyphPath('diamond', 10)}></path>`)}${msg(lang, 'legendSpan')}</li>
      <li>${swatch(svg`<rect class="legend-activity" x="1" y="1" width="32" height="14"></rect><rect class="hatch" x="1" y="1" width="32" height="14"></rect>`)}${msg(lang, 'legendContested')}</li>
      <li>${swatch(svg`<rect class="overlap-band" x="1" y="0" width="32" height="16"></rect><line class="overlap-edge" x1="1" x2="1" y1="0" y2="16"></line><line class="overlap-edge" x1="33" x2="33" y1="0" y2="16"></line>`)}${msg(lang, 'legendOverlap')}</li>
      ${kinds.map(
        (kind) => html`<li>${swatch(svg`<path class="legend-glyph" transform="translate(17 8)" d=${glyphPath(glyphForKind(kind), 12)}></path>`)}${kindLabel(lang, kind)}</li>`,
      )}
    </ul>
  </section>`;
}
