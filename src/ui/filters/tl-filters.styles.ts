import { css } from 'lit';

export const filtersStyles = css`
  :host {
    display: block;
    font-size: 0.9rem;
  }
  h2 {
    font-size: 1.1rem;
    margin: 0 0 0.4rem;
  }
  .status-row {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    flex-wrap: wrap;
  }
  .shown {
    margin: 0;
    font-weight: 600;
  }
  .none {
    margin: 0.3rem 0;
    color: var(--tl-muted);
  }
  .chips,
  .facets {
    list-style: none;
    margin: 0.4rem 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.3rem;
  }
  .chip,
  .facet {
    min-height: 1.8rem;
    padding: 0.1rem 0.5rem;
    border-radius: 999px;
    font-size: 0.82rem;
  }
  .chip {
    background: var(--tl-overlap);
  }
  .facet[aria-pressed='true'] {
    background: var(--tl-accent);
    color: var(--tl-bg);
    border-color: var(--tl-accent);
  }
  .facet .count,
  .count {
    color: var(--tl-muted);
    font-variant-numeric: tabular-nums;
  }
  .facet[aria-pressed='true'] .count {
    color: inherit;
  }
  fieldset {
    border: none;
    border-top: 1px solid var(--tl-border);
    margin: 0.6rem 0 0;
    padding: 0.5rem 0 0;
    min-width: 0;
  }
  legend {
    font-weight: 600;
    padding: 0;
  }
  label {
    display: flex;
    align-items: center;
    gap: 0.35rem;
    min-height: 1.8rem;
    cursor: pointer;
  }
  .cluster-row {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.3rem;
  }
  .cluster-row label {
    flex: 1;
    min-width: 0;
  }
  .cluster-row .count {
    margin-left: auto;
    white-space: nowrap;
  }
  .swatch {
    flex: none;
  }
  .info {
    min-height: 1.8rem;
    padding: 0 0.45rem;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr));
    gap: 0 0.5rem;
  }
  .window {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.4rem;
  }
  .window label {
    flex-direction: column;
    align-items: stretch;
    gap: 0.1rem;
    flex: 1 1 6rem;
  }
  input[type='search'],
  .window input {
    font: inherit;
    color: inherit;
    background: var(--tl-bg);
    border: 1px solid var(--tl-field-border);
    border-radius: 6px;
    padding: 0.3rem 0.45rem;
    width: 100%;
    min-height: 2rem;
  }
  .hint {
    margin: 0.2rem 0 0;
    font-size: 0.78rem;
    color: var(--tl-muted);
  }
  .error {
    margin: 0.3rem 0 0;
    color: var(--tl-error);
  }
  .switch {
    margin-top: 0.3rem;
  }
  .more {
    font-size: 0.82rem;
  }
  summary {
    cursor: pointer;
    font-weight: 600;
    margin-top: 0.4rem;
    min-height: 1.8rem;
  }
  @media (min-width: 1100px) {
    summary {
      display: none;
    }
  }
  button:disabled {
    opacity: 0.55;
    cursor: default;
  }
`;
