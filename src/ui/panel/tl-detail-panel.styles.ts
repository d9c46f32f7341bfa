import { css } from 'lit';

/** The detail panel: a card on wide screens, a bottom sheet over the chart on narrow ones. Colours come from the tokens only. */
export const panelStyles = css`
  :host {
    display: block;
    min-width: 0;
  }
  .panel {
    position: relative;
    width: 100%;
    overscroll-behavior: contain;
    background: var(--tl-bg);
    color: var(--tl-text);
    border: 1px solid var(--tl-border);
    border-radius: 8px;
    padding: 0 1rem 1rem;
  }
  .inner {
    max-width: 40rem;
  }
  header {
    position: sticky;
    top: 0;
    z-index: 1;
    display: flex;
    align-items: flex-start;
    justify-content: space-between;
    gap: 0.75rem;
    padding: 0.85rem 0 0.5rem;
    background: var(--tl-bg);
    border-bottom: 1px solid var(--tl-border);
    margin-bottom: 0.6rem;
  }
  h2 {
    margin: 0;
    font-size: 1.15rem;
    line-height: 1.3;
    overflow-wrap: anywhere;
  }
  h2:focus {
    outline: none;
  }
  h2:focus-visible {
    outline: 3px solid var(--tl-focus);
    outline-offset: 2px;
  }
  h3 {
    margin: 1rem 0 0.35rem;
    font-size: 0.95rem;
  }
  p {
    margin: 0.35rem 0;
    line-height: 1.45;
  }
  .close {
    flex: none;
    min-width: 2.25rem;
    min-height: 2.25rem;
    padding: 0.2rem 0.55rem;
    line-height: 1;
  }
  .close-mark {
    font-size: 1.2rem;
  }
  .muted {
    color: var(--tl-muted);
  }
  .contested {
    color: var(--tl-warning);
    font-weight: 600;
  }
  dl.facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.25rem 0.8rem;
    margin: 0.4rem 0;
  }
  dl.facts dt {
    color: var(--tl-muted);
  }
  dl.facts dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  ul {
    margin: 0.25rem 0;
    padding-left: 1.2rem;
  }
  li {
    margin: 0.15rem 0;
    line-height: 1.4;
    overflow-wrap: anywhere;
  }
  ul.inline {
    display: flex;
    flex-wrap: wrap;
    gap: 0.3rem 0.45rem;
    padding: 0;
    list-style: none;
  }
  ul.inline li {
    margin: 0;
    padding: 0 0.4rem;
    border: 1px solid var(--tl-border);
    border-radius: 4px;
    font-size: 0.88rem;
  }
  ul.events {
    list-style: none;
    padding: 0;
  }
  ul.events button {
    display: flex;
    flex-wrap: wrap;
    gap: 0.1rem 0.6rem;
    width: 100%;
    text-align: left;
    background: transparent;
  }
  ul.events button:hover {
    background: var(--tl-surface);
  }
  .event-date {
    color: var(--tl-muted);
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  blockquote {
    margin: 0.4rem 0;
    padding-left: 0.75rem;
    border-left: 3px solid var(--tl-accent);
  }
  @media screen and (max-width: 700px) {
    .panel {
      position: fixed;
      inset: auto 0 0 0;
      z-index: 10;
      max-height: 75vh;
      overflow: auto;
      border-radius: 12px 12px 0 0;
      border-bottom: none;
      box-shadow: 0 -6px 24px rgba(0, 0, 0, 0.25);
    }
    .inner {
      max-width: none;
    }
  }
  @media print {
    .panel {
      max-height: none;
      overflow: visible;
      box-shadow: none;
      break-inside: avoid-page;
    }
  }
  @media (forced-colors: active) {
    .panel {
      border: 1px solid CanvasText;
    }
    .contested {
      color: CanvasText;
    }
  }
`;
