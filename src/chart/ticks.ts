import { utcMonth, utcYear } from 'd3-time';
import type { Lang } from '../model/dates';

export type TickUnit = 'year' | 'quarter' | 'month';

export interface Tick {
  readonly time: number;
  /** The unit's own label: "2019", "Q3", "Mar". */
  readonly label: string;
  /** The year, printed under quarter and month labels where it changes (and on the first tick). */
  readonly yearLabel: string | null;
}

export interface TickChoice {
  readonly unit: TickUnit;
  /** For years: 1, 2, 5, 10… years between labelled ticks. */
  readonly step: number;
  readonly ticks: readonly Tick[];
}

/** Minimum pixels between two labelled ticks. */
const MIN_SPACING = { year: 40, quarter: 34, month: 36 } as const;
const DAY = 86_400_000;
const MONTHS: Record<Lang, readonly string[]> = {
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  it: ['gen', 'feb', 'mar', 'apr', 'mag', 'giu', 'lug', 'ago', 'set', 'ott', 'nov', 'dic'],
};
const QUARTER_PREFIX: Record<Lang, string> = { en: 'Q', it: 'T' };

/**
 * Picks the finest calendar unit whose ticks stay readable at this zoom: months when close,
 * quarters further out, years (thinned to 2, 5, 10… as needed) when far out.
 */
export function chooseTicks(domain: readonly [number, number], width: number, lang: Lang = 'en'): TickChoice {
  const [from, to] = domain;
  const pxPerDay = width / Math.max((to - from) / DAY, 1e-9);
  const start = new Date(from);
  const end = new Date(to + 1); // a tick exactly at the right edge is shown

  if (pxPerDay * 30.4 >= MIN_SPACING.month) {
    return { unit: 'month', step: 1, ticks: labelled(utcMonth.range(utcMonth.ceil(start), end), lang, 'month') };
  }
  if (pxPerDay * 91.3 >= MIN_SPACING.quarter) {
    return { unit: 'quarter', step: 1, ticks: labelled(utcMonth.every(3)!.range(utcMonth.every(3)!.ceil(start), end), lang, 'quarter') };
  }
  const pxPerYear = pxPerDay * 365.25;
  const step = [1, 2, 5, 10, 20, 50, 100].find((s) => s * pxPerYear >= MIN_SPACING.year) ?? 100;
  const years = utcYear.every(step)!;
  return { unit: 'year', step, ticks: labelled(years.range(years.ceil(start), end), lang, 'year') };
}

function labelled(dates: readonly Date[], lang: Lang, unit: TickUnit): Tick[] {
  let previousYear: number | null = null;
  return dates.map((date) => {
    const year = date.getUTCFullYear();
    const month = date.getUTCMonth();
    let label: string;
    if (unit === 'year') label = String(year);
    else if (unit === 'quarter') label = `${QUARTER_PREFIX[lang]}${Math.floor(month / 3) + 1}`;
    else label = MONTHS[lang][month]!;
    const yearLabel = unit !== 'year' && year !== previousYear ? String(year) : null;
    previousYear = year;
    return { time: date.getTime(), label, yearLabel };
  });
}

/** Gridlines: one per tick, plus year boundaries when ticks are finer than a year. */
export function gridTimes(choice: TickChoice, domain: readonly [number, number]): number[] {
  const times = choice.ticks.map((t) => t.time);
  if (choice.unit === 'year') return times;
  const years = utcYear.range(utcYear.ceil(new Date(domain[0])), new Date(domain[1])).map((d) => d.getTime());
  return [...new Set([...times, ...years])].sort((a, b) => a - b);
}
