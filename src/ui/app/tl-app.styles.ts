import { css } from 'lit';

export const appStyles = css`
  :host {
    display: block;
    background: var(--tl-bg);
    line-height: 1.45;
  }
  .page {
    max-width: 1500px;
    margin: 0 auto;
    padding: 1rem clamp(0.5rem, 2vw, 1.5rem) 2rem;
    position: relative;
  }
  header {
    display: grid;
    gap: 0.35rem;
  }
  .title-row {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    justify-content: space-between;
    gap: 0.5rem 1rem;
  }
  h1 {
    font-size: clamp(1.25rem, 2.3vw, 1.75rem);
    margin: 0;
    overflow-wrap: anywhere;
  }
  .header-controls {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .header-controls > button {
    white-space: nowrap;
  }
  .lang {
    display: flex;
    align-items: center;
    gap: 0.35rem;
    font-size: 0.9rem;
  }
  select {
    font: inherit;
    color: inherit;
    background: var(--tl-surface);
    border: 1px solid var(--tl-field-border);
    border-radius: 6px;
    min-height: 2rem;
    padding: 0 0.3rem;
  }
  .report {
    margin: 0;
  }
  .failure {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem 1rem;
    margin-bottom: 0.75rem;
    padding: 0.6rem 0.8rem;
    border: 2px solid var(--tl-error);
    border-radius: 8px;
  }
  .failure p {
    margin: 0;
  }
  .notices {
    display: flex;
    align-items: flex-start;
    justify-content: space-between;
    gap: 0.5rem;
    border: 1px solid var(--tl-warning);
    border-radius: 8px;
    padding: 0.4rem 0.6rem;
    color: var(--tl-text);
  }
  .notices ul {
    margin: 0;
    padding-left: 1.1rem;
  }
  .layout {
    display: grid;
    gap: 1rem;
    margin-top: 1rem;
    grid-template-columns: minmax(0, 1fr);
  }
  @media (min-width: 1100px) {
    .layout {
      grid-template-columns: 19rem minmax(0, 1fr);
      align-items: start;
    }
    .filters-card {
      position: sticky;
      /* Painted above the main column (which it never covers): otherwise everything positioned that
         paints after a sticky scroller is given a compositing layer of its own, and the chart's
         became one as tall as all its lanes, re-recorded on every zoom frame. */
      z-index: 1;
      top: 0.5rem;
      max-height: calc(100vh - 1rem);
      overflow: auto;
    }
  }
  main {
    display: grid;
    gap: 1rem;
    min-width: 0;
  }
  .card {
    background: var(--tl-bg);
    border: 1px solid var(--tl-border);
    border-radius: 10px;
    padding: 0.75rem clamp(0.4rem, 1.5vw, 1rem) 1rem;
    min-width: 0;
  }
  h2 {
    font-size: 1.1rem;
    margin: 0 0 0.5rem;
  }
  .skip {
    position: absolute;
    left: -999px;
    top: 0.5rem;
    background: var(--tl-bg);
    padding: 0.4rem 0.7rem;
    border: 2px solid var(--tl-focus);
    z-index: 10;
  }
  .skip:focus {
    left: 0.5rem;
  }
  :host([embed]) {
    background: transparent;
  }
  .embed {
    padding: 0.25rem;
  }
  .embed-footer {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0.25rem 1rem;
    margin: 0.4rem 0 0;
    font-size: 0.8rem;
    color: var(--tl-muted);
  }
  .drop-overlay {
    position: fixed;
    inset: 0;
    display: grid;
    place-items: center;
    background: color-mix(in srgb, var(--tl-bg) 80%, transparent);
    border: 4px dashed var(--tl-accent);
    font-size: 1.3rem;
    font-weight: 600;
    z-index: 20;
    pointer-events: none;
  }
`;

export const appPrintStyles = css`
  @media print {
    :host {
      --tl-bg: #ffffff;
      --tl-text: #000000;
      background: #ffffff;
    }
    .page {
      max-width: none;
      padding: 0;
    }
    .filters-card,
    tl-data-source,
    .notices,
    .header-controls,
    .skip,
    .drop-overlay {
      display: none !important;
    }
    .layout {
      display: block;
      margin-top: 0.5rem;
    }
    .card {
      border: none;
      padding: 0;
      break-inside: auto;
    }
    main {
      display: block;
    }
    main > * {
      margin-top: 0.8rem;
    }
  }
`;
