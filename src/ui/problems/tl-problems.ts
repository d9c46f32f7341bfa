import { html, LitElement, css, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Lang } from '../../model/dates';
import type { Problem } from '../../model/types';
import { msg } from '../../i18n/messages';
import type { formatProblem } from '../../i18n/problem-messages';
import { tableStyles } from '../theme/table.styles';
import { tokens } from '../theme/tokens.styles';

/**
 * Lists what the loader could not take as it was: file, row, column and reason, errors and warnings apart.
 * The problem catalogue (every sentence in two languages) is fetched with the first problem to show,
 * not with the page: the bundled data has none.
 */
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
  /** Set once the problem catalogue has loaded; until then the table waits for it. */
  @state() private format: typeof formatProblem | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('problems') && this.problems.length > 0 && this.format === null) void this.loadCatalogue();
  }

  private loadCatalogue(): Promise<void> {
    return import('../../i18n/problem-messages').then(({ formatProblem }) => {
      this.format = formatProblem;
    });
  }

  override render() {
    if (this.problems.length === 0) return html`<p class="ok" role="status">${msg(this.lang, 'problemsNone')}</p>`;
    const format = this.format;
    if (format === null) return nothing;
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
                <td class="reason">${format(p, this.lang)}</td>
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
