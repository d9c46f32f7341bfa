// Seeded generator of synthetic timeline data in the app's CSV schema (data/README.md).
//
//   node bench/generate.mjs <out-dir> [n=10000] [clusters=auto] [seed=20210803]
//                           [--periods=0.4] [--years=2010-2021] [--crowded-week=0]
//
// writes <out-dir>/events.csv and <out-dir>/clusters.csv. The same arguments always give
// byte-identical files: every random choice comes from one mulberry32 stream.
//
// The options give other shapes of data than the benchmark's (bench/HISTORY.md measures some):
// - `--periods`: the share of the non-context rows that are periods (default 0.4; 0 gives points only);
// - `--years`: the years the dates fall in (default 2010-2021);
// - `--crowded-week`: the share of dates drawn from one week (the week 60 % of the way through the years) instead.
// Up to 26 clusters may be asked for (the benchmark uses 3 to 10).
//
// What is in a dataset of n rows:
// - one `operating` period per cluster (start a year, sometimes `~`, in 2010–2013; end `..` or a year);
// - about 3 % background rows in the `context` lane (points: vulnerabilities and publications);
// - of the rest, 30 % `activity` periods, 10 % `intrusion` periods and 60 % points
//   (intrusion, tooling, vulnerability, publication, attribution);
// - periods last 1 day to about 3 years (log-uniform); 4 % of them end in `..` (ongoing);
// - every date precision is used (`YYYY`, `YYYY-Qn`, `YYYY-MM`, `YYYY-MM-DD`) and about 8 % of dates
//   are approximate (`~`); dates are uniform over 2010-01-01 … 2021-12-31;
// - the optional columns are filled the way real exports are (a quoted summary with a comma in it,
//   `;`-lists, valid ATT&CK and CVE ids, an https source), about 200 bytes a row, so 100,000 rows
//   are about 20 MB.
// Every row is valid for the app (no problems are reported when it loads them).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ID_PREFIX = 'syn-';
export const DEFAULT_SEED = 20210803;

/** The number of clusters used for each benchmark size (the issue asks for 3 to 10). */
export function clustersFor(n) {
  if (n <= 100) return 3;
  if (n <= 1_000) return 5;
  if (n <= 10_000) return 8;
  return 10;
}

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;

const ADJECTIVES = ['Silent', 'Crimson', 'Hidden', 'Frozen', 'Golden', 'Iron', 'Velvet', 'Copper', 'Emerald', 'Shadow', 'Northern', 'Quiet'];
const NOUNS = ['Typhoon', 'Panda', 'Kitten', 'Spider', 'Bear', 'Falcon', 'Lotus', 'Tiger', 'Hydra', 'Raven', 'Jackal', 'Orchid'];
const TARGETS = ['telecommunications providers', 'government bodies', 'Microsoft Exchange servers', 'IIS servers', 'defence contractors', 'universities', 'energy utilities', 'healthcare providers', 'NGOs', 'financial services'];
const TOOLS = ['China Chopper', 'PlugX', 'ShadowPad', 'Cobalt Strike', 'Mimikatz', 'PcShare', 'Nebulae', 'RainyDay', 'HTRAN', 'NBTscan', 'PsExec', 'Aria-body'];
const TECHNIQUES = ['T1190', 'T1505.003', 'T1071.001', 'T1003.001', 'T1018', 'T1560.001', 'T1041', 'T1078', 'T1105', 'T1059.003', 'T1543.003', 'T1547.001'];
const VERBS = ['observed', 'reported', 'disclosed', 'detected', 'attributed', 'documented', 'tracked', 'confirmed'];
const POINT_KINDS = ['intrusion', 'tooling', 'vulnerability', 'publication', 'attribution'];

const pad = (n, width = 2) => String(n).padStart(width, '0');

/** A CSV field: quoted when it holds a comma, a quote or a line break. */
function field(value) {
  const text = String(value ?? '');
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function row(values) {
  return values.map(field).join(',');
}

/**
 * Generates one dataset. Returns { eventsCsv, clustersCsv, stats } where stats counts kinds,
 * shapes and precisions (for the results file).
 */
export function generateDataset({ n, clusters = clustersFor(n), seed = DEFAULT_SEED, periods = 0.4, years = [2010, 2021], crowdedWeek = 0 }) {
  if (!Number.isInteger(n) || n < clusters) throw new Error(`n must be an integer ≥ the number of clusters (${clusters})`);
  if (!Number.isInteger(clusters) || clusters < 1 || clusters > 26) throw new Error('clusters must be 1 to 26');
  if (!(periods >= 0 && periods <= 1)) throw new Error('periods must be a share from 0 to 1');
  if (!(crowdedWeek >= 0 && crowdedWeek <= 1)) throw new Error('crowdedWeek must be a share from 0 to 1');
  const [firstYear, lastYear] = years;
  if (!(Number.isInteger(firstYear) && Number.isInteger(lastYear) && firstYear <= lastYear && firstYear >= 1970 && lastYear <= 2100)) throw new Error('years must be two years, the first no later than the last');
  const FROM = Date.UTC(firstYear, 0, 1);
  const TO = Date.UTC(lastYear, 11, 31);
  const random = mulberry32(seed ^ Math.imul(n, 2654435761) ^ clusters);
  const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(random() * list.length)];
  const some = (list, max) => {
    const count = int(0, max);
    const chosen = new Set();
    for (let i = 0; i < count; i++) chosen.add(pick(list));
    return [...chosen].join(';');
  };
  const stats = { rows: n, clusters, periods: 0, points: 0, open: 0, approximate: 0, kinds: {}, precision: { year: 0, quarter: 0, month: 0, day: 0 } };

  /** Writes a time at a precision: the written unit contains `time`. */
  const dateText = (time, precision, approximate) => {
    const d = new Date(time);
    const y = d.getUTCFullYear();
    const m = d.getUTCMonth() + 1;
    stats.precision[precision]++;
    if (approximate) stats.approximate++;
    const prefix = approximate ? '~' : '';
    switch (precision) {
      case 'year':
        return `${prefix}${y}`;
      case 'quarter':
        return `${prefix}${y}-Q${Math.floor((m - 1) / 3) + 1}`;
      case 'month':
        return `${prefix}${y}-${pad(m)}`;
      default:
        return `${prefix}${y}-${pad(m)}-${pad(d.getUTCDate())}`;
    }
  };
  const precisionFor = (weights) => {
    const r = random();
    let sum = 0;
    for (const [precision, weight] of weights) {
      sum += weight;
      if (r < sum) return precision;
    }
    return 'day';
  };
  const POINT_PRECISION = [['day', 0.55], ['month', 0.2], ['quarter', 0.13], ['year', 0.12]];
  const PERIOD_PRECISION = [['day', 0.3], ['month', 0.3], ['quarter', 0.25], ['year', 0.15]];

  // ——— clusters.csv ———
  const clusterRows = [['id', 'label', 'name', 'attributed_to', 'attribution_confidence', 'aliases', 'mitre_groups', 'summary', 'summary_it', 'color', 'source_url']];
  const clusterIds = [];
  for (let c = 0; c < clusters; c++) {
    const id = String.fromCharCode(65 + c); // A, B, C, …
    clusterIds.push(id);
    const name = `${ADJECTIVES[c % ADJECTIVES.length]} ${NOUNS[(c * 5) % NOUNS.length]}`;
    clusterRows.push([
      id,
      `Cluster ${id}`,
      name,
      `${name} (synthetic)`,
      pick(['high', 'moderate', 'low', '']),
      `${name};SYN-${pad(c + 1)}`,
      `G${pad(100 + c, 4)}`,
      `Synthetic cluster ${id}, generated for the benchmark; it stands for one actor's activity, with periods and points.`,
      `Cluster sintetico ${id}, generato per il benchmark.`,
      '',
      `https://example.org/clusters/${id.toLowerCase()}`,
    ]);
  }

  // ——— events.csv ———
  const header = ['id', 'cluster', 'kind', 'start', 'end', 'title', 'summary', 'summary_it', 'confidence', 'contested', 'targets', 'tools', 'techniques', 'cves', 'source_title', 'source_url'];
  const lines = [row(header)];
  let serial = 0;
  const nextId = () => `${ID_PREFIX}${pad(++serial, 7)}`;
  const count = (kind, shape) => {
    stats.kinds[kind] = (stats.kinds[kind] ?? 0) + 1;
    stats[shape]++;
  };
  const emit = (cluster, kind, start, end, title) => {
    const words = `${pick(VERBS)} by ${pick(['a vendor', 'CERT', 'a news outlet', 'researchers', 'the victim'])}`;
    const year = 2010 + int(0, 11);
    lines.push(
      row([
        nextId(),
        cluster,
        kind,
        start,
        end,
        title,
        `${words[0].toUpperCase()}${words.slice(1)}, synthetic.`,
        '',
        pick(['high', 'moderate', 'low', '']),
        random() < 0.05 ? 'true' : '',
        some(TARGETS, 2),
        some(TOOLS, 2),
        some(TECHNIQUES, 3),
        random() < 0.2 ? `CVE-${year}-${int(1000, 49999)}` : '',
        `Source ${int(1, 500)}`,
        `https://example.org/r/${serial}`,
      ]),
    );
  };

  // One operating period per cluster.
  for (const id of clusterIds) {
    const year = int(firstYear, Math.min(firstYear + 3, lastYear));
    const approximate = random() < 0.3;
    const end = random() < 0.7 ? '..' : String(int(Math.max(year, lastYear - 2), lastYear));
    if (end === '..') stats.open++;
    count('operating', 'periods');
    emit(id, 'operating', dateText(Date.UTC(year, 0, 1), 'year', approximate), end, `Cluster ${id} operating period`);
  }

  const remaining = n - clusterIds.length;
  const crowdedFrom = FROM + Math.floor((TO - FROM) * 0.6 / DAY) * DAY;
  const uniformTime = () => (crowdedWeek > 0 && random() < crowdedWeek ? crowdedFrom + Math.floor(random() * 7 * DAY) : FROM + Math.floor(random() * (TO - FROM)));
  for (let i = 0; i < remaining; i++) {
    const context = random() < 0.03;
    const cluster = context ? 'context' : pick(clusterIds);
    const r = random();
    const isPeriod = !context && r < periods;
    if (isPeriod) {
      const kind = r < periods * 0.75 ? 'activity' : 'intrusion';
      const start = uniformTime();
      const days = Math.exp(random() * Math.log(1100)); // 1 day … ~3 years, log-uniform
      const endTime = Math.min(TO, start + days * DAY);
      const startText = dateText(start, precisionFor(PERIOD_PRECISION), random() < 0.08);
      let endText;
      if (random() < 0.04) {
        endText = '..';
        stats.open++;
      } else {
        endText = dateText(endTime, precisionFor(PERIOD_PRECISION), random() < 0.08);
      }
      count(kind, 'periods');
      emit(cluster, kind, startText, endText, `${kind === 'activity' ? 'Activity' : 'Intrusion campaign'} ${serial + 1} in ${context ? 'the background' : `Cluster ${cluster}`}`);
    } else {
      const kind = context ? pick(['vulnerability', 'publication']) : pick(POINT_KINDS);
      count(kind, 'points');
      const time = uniformTime();
      emit(cluster, kind, dateText(time, precisionFor(POINT_PRECISION), random() < 0.08), '', `${kind[0].toUpperCase()}${kind.slice(1)} ${serial + 1}: ${pick(TOOLS)} against ${pick(TARGETS)}`);
    }
  }

  const eventsCsv = `${lines.join('\n')}\n`;
  const clustersCsv = `${clusterRows.map(row).join('\n')}\n`;
  stats.bytes = Buffer.byteLength(eventsCsv);
  return { eventsCsv, clustersCsv, stats };
}

/** Writes events.csv and clusters.csv into `dir`; returns the stats. */
export function writeDataset(dir, options) {
  const { eventsCsv, clustersCsv, stats } = generateDataset(options);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'events.csv'), eventsCsv);
  writeFileSync(join(dir, 'clusters.csv'), clustersCsv);
  return stats;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const flag = (name) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const [out, n = '10000', clusters, seed] = args.filter((a) => !a.startsWith('--'));
  if (!out) {
    console.error('usage: node bench/generate.mjs <out-dir> [n=10000] [clusters=auto] [seed] [--periods=0.4] [--years=2010-2021] [--crowded-week=0]');
    process.exit(2);
  }
  const count = Number(n);
  const years = flag('years')?.split('-').map(Number);
  const stats = writeDataset(resolve(out), {
    n: count,
    clusters: clusters ? Number(clusters) : clustersFor(count),
    seed: seed ? Number(seed) : DEFAULT_SEED,
    ...(flag('periods') !== undefined ? { periods: Number(flag('periods')) } : {}),
    ...(years ? { years: years.length === 1 ? [years[0], years[0]] : years } : {}),
    ...(flag('crowded-week') !== undefined ? { crowdedWeek: Number(flag('crowded-week')) } : {}),
  });
  console.log(JSON.stringify(stats));
}
