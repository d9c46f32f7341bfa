import { expect, fixture, html } from '@open-wc/testing';
import { BUNDLED_INPUT } from '../../src/data/bundled';
import { loadDataset } from '../../src/io/load';
import type { AppHost, TlApp } from '../../src/ui/app/tl-app';
import '../../src/ui/app/tl-app';

describe('an unexpected error', () => {
  it('is shown in the page with a way back to the bundled data', async () => {
    const el = await fixture<TlApp>(html`<tl-app .data=${loadDataset(BUNDLED_INPUT)}></tl-app>`);
    let reloaded = 0;
    el.host = { loadBundled: () => reloaded++ } as unknown as AppHost;
    el.failure = 'Cannot read properties of undefined';
    await el.updateComplete;
    const alert = el.shadowRoot!.querySelector('[role=alert]')!;
    expect(alert.textContent).to.contain('Something went wrong.');
    expect(alert.textContent).to.contain('Cannot read properties of undefined');
    alert.querySelector('button')!.click();
    await el.updateComplete;
    expect(reloaded).to.equal(1);
    expect(el.shadowRoot!.querySelector('[role=alert]')).to.equal(null);
  });
});
