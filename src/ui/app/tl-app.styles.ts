import { css } from 'lit';

export const appStyles = css`
  :host {
    display: block;
    max-width: 1400px;
    margin: 0 auto;
    padding: 1rem clamp(0.5rem, 2vw, 1.5rem) 2rem;
    background: var(--tl-bg);
    line-height: 1.45;
  }
  header h1 {
    font-size: clamp(1.3rem, 2.4vw, 1.8rem);
    margin: 0 0 0.2rem;
  }
  header p {
    margin: 0.1rem 0;
  }
  .report {
    color: var(--tl-text);
  }
  .counts {
    color: var(--tl-muted);
    font-size: 0.9rem;
  }
  main {
    display: grid;
    gap: 1rem;
    margin-top: 1rem;
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
`;
