import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { embedSnapshot, readSnapshot, removeSnapshot, snapshotFileName, SNAPSHOT_ID, type Snapshot } from '../../../src/io/snapshot';

const page = '<!doctype html><html><head><title>t</title></head><body><tl-app></tl-app><script type="module">run()</script></body></html>';
const snapshot: Snapshot = {
  version: 1,
  savedAt: '2026-11-28T00:00:00.000Z',
  search: '?clusters=B&from=2020-Q1',
  events: { name: 'events.csv', text: 'id,cluster,kind,start,title\nx,A,intrusion,2020,"</script><script>alert(1)</script>"\n' },
};

/** The block's text as the browser would read it: up to the first </script> after the opening tag. */
function blockText(html: string): string {
  const open = `<script type="application/json" id="${SNAPSHOT_ID}">`;
  const start = html.indexOf(open) + open.length;
  return html.slice(start, html.indexOf('</script>', start));
}

describe('snapshots', () => {
  it('embeds before </body> and reads back the same snapshot', () => {
    const html = embedSnapshot(page, snapshot);
    expect(html.indexOf(SNAPSHOT_ID)).toBeLessThan(html.indexOf('</body>'));
    expect(readSnapshot(blockText(html))).toEqual(snapshot);
  });

  it('never lets a cell close the block early', () => {
    const html = embedSnapshot(page, snapshot);
    expect(blockText(html)).not.toContain('<');
    expect(html.match(/<script>alert/g)).toBeNull();
  });

  it('replaces an earlier snapshot instead of adding a second', () => {
    const twice = embedSnapshot(embedSnapshot(page, snapshot), { ...snapshot, search: '?lang=it' });
    expect(twice.split(SNAPSHOT_ID).length - 1).toBe(1);
    expect(readSnapshot(blockText(twice))!.search).toBe('?lang=it');
    expect(removeSnapshot(twice)).toBe(page);
  });

  it('round-trips any text in the data (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string(), (text, name) => {
        const s: Snapshot = { ...snapshot, events: { name, text } };
        expect(readSnapshot(blockText(embedSnapshot(page, s)))).toEqual(s);
      }),
    );
  });

  it('rejects anything that is not a snapshot', () => {
    for (const text of [null, '', '{', '[]', '{"version":2,"search":""}', '{"version":1}', '{"version":1,"search":"","events":{"name":1}}']) {
      expect(readSnapshot(text)).toBeNull();
    }
  });

  it('names the download after the data', () => {
    const now = new Date(Date.UTC(2026, 10, 28));
    expect(snapshotFileName('Other report.csv', now)).toBe('Other-report-timeline-2026-11-28.html');
    expect(snapshotFileName(null, now)).toBe('deadringer-timeline-2026-11-28.html');
    expect(snapshotFileName('../../etc/passwd', now)).not.toContain('/');
  });
});
