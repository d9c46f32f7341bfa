import { expect, fixture, html } from '@open-wc/testing';
import { BUNDLED_INPUT, BUNDLED_METADATA_JSON } from '../../src/data/bundled';
import { loadDataset } from '../../src/io/load';
import { readMetadata } from '../../src/io/metadata';
import type { TlApp } from '../../src/ui/app/tl-app';
import '../../src/ui/app/tl-app';
import { waitFor } from './helpers';

describe('<tl-app embed> (?embed=1)', () => {
  it('shows only the timeline with its legend and a link to the full view', async () => {
    history.replaceState(null, '', `${location.pathname}?embed=1&clusters=A,B`);
    const el = await fixture<TlApp>(html`<div style="width:600px;height:400px"><tl-app embed .meta=${readMetadata(BUNDLED_METADATA_JSON)} .data=${loadDataset(BUNDLED_INPUT)}></tl-app></div>`).then(
      (wrapper) => wrapper.querySelector('tl-app')!,
    );
    await el.updateComplete;
    const root = el.shadowRoot!;
    expect(root.querySelector('header')).to.equal(null);
    expect(root.querySelector('tl-filters')).to.equal(null);
    expect(root.querySelector('tl-event-table')).to.equal(null);
    const timeline = root.querySelector('tl-timeline')!;
    await waitFor(() => timeline.shadowRoot!.querySelectorAll('g.lane').length > 0);
    expect(timeline.shadowRoot!.querySelector('.legend')).to.not.equal(null);
    const link = root.querySelector<HTMLAnchorElement>('.embed-footer a')!;
    expect(link.textContent).to.equal('Open the full view');
    const target = new URL(link.href);
    expect(target.searchParams.has('embed')).to.equal(false);
    expect(target.searchParams.get('clusters')).to.equal('A,B');
    expect(link.target).to.equal('_blank');
    expect(el.hasAttribute('embed')).to.equal(true);
    // It fits a 600 px wide frame.
    expect(timeline.shadowRoot!.querySelector('svg.plot')!.getBoundingClientRect().width).to.be.at.most(600);
    history.replaceState(null, '', location.pathname);
  });
});
