import { css, html, LitElement } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { Lang } from '../../model/dates';
import { msg } from '../../i18n/messages';
import { tokens } from '../theme/tokens.styles';

export const EXPORT_FORMATS = ['csv', 'svg', 'png', 'stix', 'navigator'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

declare global {
  interface HTMLElementTagNameMap {
    'tl-export-menu': TlExportMenu;
  }
  interface HTMLElementEventMap {
    'tl-export': CustomEvent<{ readonly format: ExportFormat }>;
  }
}

/**
 * "Export": a disclosure button with one button per format. Escape closes it and returns focus
 * to the button; choosing a format closes it too.
 *
 * @fires tl-export - a format was chosen
 */
@customElement('tl-export-menu')
export class TlExportMenu extends LitElement {
  static override styles = [
    tokens,
    css`
      :host {
        position: relative;
        display: inline-block;
      }
      .toggle {
        white-space: nowrap;
      }
      ul {
        position: absolute;
        right: 0;
        z-index: 5;
        min-width: 19rem;
        margin: 0.3rem 0 0;
        padding: 0.3rem;
        list-style: none;
        background: var(--tl-bg);
        border: 1px solid var(--tl-border);
        border-radius: 8px;
        box-shadow: 0 6px 18px rgba(0, 0, 0, 0.18);
      }
      li button {
        width: 100%;
        text-align: left;
        border: none;
        background: transparent;
      }
      li button:hover,
      li button:focus-visible {
        background: var(--tl-surface);
      }
    `,
  ];

  @property() override lang: Lang = 'en';
  @state() private open = false;
  @query('button.toggle') private toggle!: HTMLButtonElement;

  private close(returnFocus: boolean): void {
    this.open = false;
    if (returnFocus) this.toggle.focus();
  }

  private choose(format: ExportFormat): void {
    this.close(true);
    this.dispatchEvent(new CustomEvent('tl-export', { detail: { format }, bubbles: true, composed: true }));
  }

  private readonly handleOutside = (event: Event): void => {
    if (!event.composedPath().includes(this)) this.open = false;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('pointerdown', this.handleOutside);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('pointerdown', this.handleOutside);
  }

  protected override updated(changed: Map<string, unknown>): void {
    if (changed.has('open') && this.open) this.renderRoot.querySelector<HTMLButtonElement>('li button')?.focus();
  }

  private handleKeyDown(event: KeyboardEvent): void {
    if (!this.open) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      this.close(true);
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const items = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('li button')];
    const index = items.indexOf((this.renderRoot as ShadowRoot).activeElement as HTMLButtonElement);
    const next = (index + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
    items[next]?.focus();
  }

  override render() {
    return html`<div @keydown=${this.handleKeyDown}>
      <button type="button" class="toggle" aria-expanded=${this.open ? 'true' : 'false'} aria-controls="export-list" @click=${() => (this.open = !this.open)}>
        ${msg(this.lang, 'exportMenu')} <span aria-hidden="true">▾</span>
      </button>
      <ul id="export-list" ?hidden=${!this.open} aria-label=${msg(this.lang, 'exportMenu')}>
        ${EXPORT_FORMATS.map((format) => html`<li><button type="button" data-format=${format} @click=${() => this.choose(format)}>${msg(this.lang, `export_${format}`)}</button></li>`)}
      </ul>
    </div>`;
  }
}
