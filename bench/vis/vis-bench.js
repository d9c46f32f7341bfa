// The vis-timeline side of the benchmark: reads the same events.csv + clusters.csv as the app
// (`?src=…&clusters-src=…`), parses them with PapaParse on the main thread, turns each row into a
// vis item (periods → `range`, points → `point`, one group per cluster plus the context lane) and
// renders them with vis-timeline's near-default options (the ones perf-peers.md measured).
// The harness (bench/probe.js, injected before this page runs) reads the timings.
/* global Papa, vis */
(async () => {
  const bench = window.__bench;
  const params = new URLSearchParams(location.search);
  const src = params.get('src');
  const clustersSrc = params.get('clusters-src');

  const fetchText = async (url) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return response.text();
  };
  const [eventsText, clustersText] = await Promise.all([fetchText(src), clustersSrc ? fetchText(clustersSrc) : Promise.resolve(null)]);

  // ——— parse + validate (the same date syntax as the app: YYYY, YYYY-Qn, YYYY-MM, YYYY-MM-DD, ~, ..) ———
  const rows = Papa.parse(eventsText, { header: true, skipEmptyLines: true }).data;
  const clusterRows = clustersText ? Papa.parse(clustersText, { header: true, skipEmptyLines: true }).data : [];
  const DATE = /^(\d{4})(?:-Q([1-4])|-(\d{2})(?:-(\d{2}))?)?$/i;
  /** [earliest, latest) of a date cell, in UTC ms, or null. */
  const dateRange = (text) => {
    const body = text.trim().replace(/^~\s*/, '');
    const m = DATE.exec(body);
    if (!m) return null;
    const y = Number(m[1]);
    if (m[2]) return [Date.UTC(y, (m[2] - 1) * 3, 1), Date.UTC(y, m[2] * 3, 1)];
    if (m[4]) return [Date.UTC(y, m[3] - 1, m[4]), Date.UTC(y, m[3] - 1, Number(m[4]) + 1)];
    if (m[3]) return [Date.UTC(y, m[3] - 1, 1), Date.UTC(y, m[3], 1)];
    return [Date.UTC(y, 0, 1), Date.UTC(y + 1, 0, 1)];
  };
  const parsed = [];
  let invalid = 0;
  let cutoff = -Infinity;
  for (const row of rows) {
    const start = row.start ? dateRange(row.start) : null;
    const endCell = (row.end ?? '').trim();
    const open = endCell === '..';
    const end = endCell && !open ? dateRange(endCell) : null;
    if (!row.id || !row.cluster || !start || (endCell && !open && (!end || end[1] <= start[0]))) {
      invalid++;
      continue;
    }
    cutoff = Math.max(cutoff, start[1], end ? end[1] : -Infinity);
    parsed.push({ row, start, end, open });
  }
  const items = new Array(parsed.length);
  for (let i = 0; i < parsed.length; i++) {
    const { row, start, end, open } = parsed[i];
    const period = open || end;
    items[i] = period
      ? { id: row.id, group: row.cluster, type: 'range', start: start[0], end: open ? cutoff : end[1], content: row.title }
      : { id: row.id, group: row.cluster, type: 'point', start: start[0], content: row.title };
  }
  const groupIds = new Set(items.map((item) => item.group));
  const groups = clusterRows.filter((c) => c.id).map((c) => ({ id: c.id, content: c.label || c.id }));
  for (const id of groupIds) if (!groups.some((g) => g.id === id)) groups.push({ id, content: id === 'context' ? 'Context' : id });

  // ——— data ready: the item array exists ———
  bench?.dataReady({ events: items.length, clusters: groups.length, problems: invalid });

  // Diagnostics only (read by the runner): when the constructor returned and when vis redrew.
  const diag = (window.__visDiag = { constructStart: performance.now(), constructed: null, changed: [] });
  const container = document.getElementById('timeline');
  const timeline = new vis.Timeline(container, new vis.DataSet(items), new vis.DataSet(groups), {
    stack: false,
    height: '400px',
    showCurrentTime: false,
    zoomMin: 3_600_000,
  });
  diag.constructed = performance.now();
  bench?.note('visConstructed', { at: diag.constructed });
  timeline.on('changed', () => {
    const at = performance.now();
    if (diag.changed.length < 200) diag.changed.push(at);
    // Streamed too, so that a page that never finishes its first frame still tells when it redrew.
    if (diag.changed.length <= 3) bench?.note('visChanged', { at, initialDrawDone: timeline.initialDrawDone === true });
  });
  window.__visTimeline = timeline;
})().catch((error) => {
  console.error(error);
  window.__bench?.fail(String(error?.stack ?? error));
});
