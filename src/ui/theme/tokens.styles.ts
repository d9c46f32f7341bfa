import { css } from 'lit';

/**
 * Theme tokens shared by every element: light by default, dark from prefers-color-scheme on screens
 * (paper is printed light whatever the screen's theme), system colours in forced-colors mode.
 */
export const tokens = css`
  :host {
    --tl-bg: #ffffff;
    --tl-surface: #f6f7f9;
    --tl-text: #1b1f24;
    --tl-muted: #535b66;
    --tl-border: #c9ced6;
    /* Edges that identify a form field: 3:1 against the page (WCAG 1.4.11), unlike decorative rules. */
    --tl-field-border: #7a828e;
    --tl-grid: #e3e6eb;
    --tl-grid-major: #c9ced6;
    --tl-accent: #0b5cad;
    --tl-focus: #0b5cad;
    --tl-overlap: rgba(120, 90, 200, 0.1);
    --tl-overlap-edge: #6f57b8;
    --tl-context: #6b7280;
    /* Outlines marks so light palette colours (orange, sky blue, yellow) hold 3:1 against a white page. */
    --tl-mark-outline: #1b1f24;
    --tl-error: #a4161a;
    --tl-warning: #7a4d00;
    --tl-font: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
    color: var(--tl-text);
    font-family: var(--tl-font);
  }
  @media screen and (prefers-color-scheme: dark) {
    :host {
      --tl-bg: #15181d;
      --tl-surface: #1e2229;
      --tl-text: #e8eaed;
      --tl-muted: #a9b0bb;
      --tl-border: #3c434e;
      --tl-field-border: #737c89;
      --tl-grid: #262b33;
      --tl-grid-major: #3c434e;
      --tl-accent: #7db4ff;
      --tl-focus: #9cc6ff;
      --tl-overlap: rgba(170, 150, 255, 0.13);
      --tl-overlap-edge: #b3a4f5;
      --tl-context: #a9b0bb;
      --tl-mark-outline: #15181d;
      --tl-error: #ff8a80;
      --tl-warning: #ffcc80;
    }
  }
  @media (forced-colors: active) {
    :host {
      --tl-bg: Canvas;
      --tl-surface: Canvas;
      --tl-text: CanvasText;
      --tl-muted: CanvasText;
      --tl-border: CanvasText;
      --tl-field-border: CanvasText;
      --tl-grid: GrayText;
      --tl-grid-major: CanvasText;
      --tl-accent: LinkText;
      --tl-focus: Highlight;
      --tl-overlap: transparent;
      --tl-overlap-edge: Highlight;
      --tl-context: CanvasText;
      --tl-mark-outline: Canvas;
    }
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  [hidden] {
    display: none !important;
  }
  :focus-visible {
    outline: 3px solid var(--tl-focus);
    outline-offset: 2px;
  }
  a {
    color: var(--tl-accent);
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  button {
    font: inherit;
    color: inherit;
    background: var(--tl-surface);
    border: 1px solid var(--tl-border);
    border-radius: 6px;
    padding: 0.3em 0.65em;
    cursor: pointer;
    min-height: 2em;
  }
  button:hover {
    border-color: var(--tl-text);
  }
  @media print {
    /* On paper a link is its address. */
    a[href^='http']::after {
      content: ' (' attr(href) ')';
      font-size: 0.8em;
      overflow-wrap: anywhere;
      color: var(--tl-muted);
    }
    button.close,
    input,
    select {
      display: none !important;
    }
  }
`;
