import { css } from 'lit';

/** The data tables' look: the events table and the load problems share it. */
export const tableStyles = css`
  :host {
    display: block;
  }
  .scroller {
    overflow-x: auto;
    max-width: 100%;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.86rem;
  }
  th,
  td {
    text-align: left;
    vertical-align: top;
    padding: 0.32rem 0.5rem;
    border-bottom: 1px solid var(--tl-border);
  }
  thead th {
    background: var(--tl-surface);
    position: sticky;
    top: 0;
  }
`;
