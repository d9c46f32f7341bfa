import { html, LitElement, css } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Lang } from '../../model/dates';
import type { Problem } from '../../model/types';
import { msg } from '../../i18n/messages';
import { formatProblem } from '../../i18n/problem-messages';
import { tableStyles } from '../theme/table.styles';
import { tokens } from '../theme/tokens.styles';

/** Lists what the loader could not take as it was: file, row, column and reason, errors and warnings apart. */
@customElement('tl-problems')
export class TlProblems extends LitElement {
  static override styles = [
    tokens,
    tableStyles,
    css`
      .ok {
        color: var(--tl-muted);
        margin: 0;
      }
      .summary {
        margin: 0 0 0.5rem;
        font-weight: 600;
      }
      .scroller {
        max-height: 24rem;
      }
      .error {
        color: var(--tl-error);
        font-weight: 600;
      }
      .warning {
        color: var(--tl-warning);
      }
      td.reason {
        overflow-wrap: anywhere;
      }
    `,
  ];

  @property({ attribute: false }) problems: readonly Problem[] = [];
  @property() override lang: Lang = 'en';

  override render() {
    if (this.problems.length === 0) return html`<p class="ok" role="status">${msg(this.lang, 'problemsNone')}</p>`;
    const errors = this.problems.filter((p) => p.severity === 'error').length;
    return html`<p class="summary" role="status">
        ${msg(this.lang, 'problemsSummary', { errors, warnings: this.problems.length - errors })}
      </p>
      <div class="scroller" tabindex="0" role="region" aria-label=${msg(this.lang, 'problemsHeading')}>
        <table>
          <thead>
            <tr>
              <th scope="col">${msg(this.lang, 'problemFile')}</th>
              <th scope="col">${msg(this.lang, 'problemRow')}</th>
              <th scope="col">${msg(this.lang, 'problemColumn')}</th>
              <th scope="col">${msg(this.lang, 'problemReason')}</th>
              <th scope="col">${msg(this.lang, 'problemSeverity')}</th>
            </tr>
          </thead>
          <tbody>
            ${this.problems.map(
              (p) => html`<tr>
                <td>${p.file}</td>
                <td>${p.row ?? msg(this.lang, 'wholeFile')}</td>
                <td>${p.column ?? '—'}</td>
                <td class="reason">${formatProblem(p, this.lang)}</td>
                <td class=${p.severity}>${msg(this.lang, p.severity === 'error' ? 'severityError' : 'severityWarning')}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-problems': TlProblems;
  }
}
