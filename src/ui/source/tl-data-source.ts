import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Lang } from '../../model/dates';
import { msg } from '../../i18n/messages';
import { tokens } from '../theme/tokens.styles';

export interface LoadState {
  readonly name: string;
  readonly phase: 'reading' | 'parsing';
  /** 0–1; null when how far along is not known: the bar then shows only that the load is under way. */
  readonly fraction: number | null;
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-data-source': TlDataSource;
  }
  interface HTMLElementEventMap {
    'tl-files-selected': CustomEvent<{ readonly files: readonly File[] }>;
    'tl-load-cancel': CustomEvent<void>;
    'tl-load-bundled': CustomEvent<void>;
    'tl-save-view': CustomEvent<void>;
  }
}

/**
 * Where the data comes from: "Open CSV…", the load progress with Cancel, and the way back to
 * the bundled data. Drag and drop is handled by the app (the whole page is the drop zone).
 *
 * @fires tl-files-selected - files were chosen
 * @fires tl-load-cancel - the user cancelled a load
 * @fires tl-load-bundled - the user asked for the bundled data again
 * @fires tl-save-view - the user asked for a standalone file of this view
 */
@customElement('tl-data-source')
export class TlDataSource extends LitElement {
  static override styles = [
    tokens,
    css`
      :host {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 0.75rem;
        font-size: 0.9rem;
      }
      .source {
        color: var(--tl-muted);
      }
      input[type='file'] {
        position: absolute;
        width: 1px;
        height: 1px;
        opacity: 0;
      }
      label.button {
        display: inline-flex;
        align-items: center;
        min-height: 2rem;
        padding: 0.3rem 0.65rem;
        border: 1px solid var(--tl-border);
        border-radius: 6px;
        background: var(--tl-surface);
        cursor: pointer;
      }
      label.button:focus-within {
        outline: 3px solid var(--tl-focus);
        outline-offset: 2px;
      }
      .progress {
        display: flex;
        align-items: center;
        gap: 0.5rem;
      }
      progress {
        width: 10rem;
      }
      .hint {
        flex-basis: 100%;
        margin: 0;
        color: var(--tl-muted);
        font-size: 0.8rem;
      }
    `,
  ];

  /** The user's file name, or null while the bundled data is shown. */
  @property() sourceName: string | null = null;
  /** True while no data is shown yet (a linked file's first load): the line then names none. */
  @property({ type: Boolean }) empty = false;
  @property({ attribute: false }) loading: LoadState | null = null;
  @property() override lang: Lang = 'en';

  private handleFiles(event: Event): void {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length) this.dispatchEvent(new CustomEvent('tl-files-selected', { detail: { files }, bubbles: true, composed: true }));
  }

  override render() {
    const { lang, loading } = this;
    return html`
      ${this.empty ? nothing : html`<span class="source">${this.sourceName ? msg(lang, 'showingFile', { name: this.sourceName }) : msg(lang, 'showingBundled')}</span>`}
      <label class="button">
        ${msg(lang, 'openCsv')}
        <input type="file" accept=".csv,.tsv,.txt,text/csv" multiple aria-describedby="open-hint" @change=${this.handleFiles} ?disabled=${loading !== null} />
      </label>
      <button type="button" title=${msg(lang, 'saveViewTitle')} ?disabled=${loading !== null}
        @click=${() => this.dispatchEvent(new CustomEvent('tl-save-view', { bubbles: true, composed: true }))}>${msg(lang, 'saveView')}</button>
      ${this.sourceName && !loading
        ? html`<button type="button" @click=${() => this.dispatchEvent(new CustomEvent('tl-load-bundled', { bubbles: true, composed: true }))}>${msg(lang, 'backToBundled')}</button>`
        : nothing}
      ${loading
        ? html`<div class="progress" role="status">
            <span>${msg(lang, 'loadingFile', { name: loading.name })} ${msg(lang, `loadingPhase_${loading.phase}`)}</span>
            <progress max="1" value=${loading.fraction ?? nothing} aria-label=${msg(lang, 'loadingFile', { name: loading.name })}></progress>
            <button type="button" @click=${() => this.dispatchEvent(new CustomEvent('tl-load-cancel', { bubbles: true, composed: true }))}>${msg(lang, 'cancel')}</button>
          </div>`
        : nothing}
      <p class="hint" id="open-hint">${msg(lang, 'openCsvHint')}</p>
    `;
  }
}
