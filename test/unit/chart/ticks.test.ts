import { describe, expect, it } from 'vitest';
import { chooseTicks, gridTimes } from '../../../src/chart/ticks';

const utc = (y: number, m = 0, d = 1) => Date.UTC(y, m, d);
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

describe('chooseTicks', () => {
  it('shows years when far out', () => {
    const choice = chooseTicks([utc(2012), utc(2021, 3)], 1000);
    expect(choice.unit).toBe('year');
    expect(choice.step).toBe(1);
    expect(choice.ticks.map((t) => t.label)).toEqual(['2012', '2013', '2014', '2015', '2016', '2017', '2018', '2019', '2020', '2021']);
    expect(choice.ticks.every((t) => t.yearLabel === null)).toBe(true);
  });

  it('thins years on a narrow screen instead of overlapping them', () => {
    const choice = chooseTicks([utc(2010), utc(2022)], 300);
    expect(choice.unit).toBe('year');
    expect(choice.step).toBe(2);
    expect(choice.ticks.map((t) => t.label)).toEqual(['2010', '2012', '2014', '2016', '2018', '2020', '2022'].slice(0, choice.ticks.length));
  });

  it('shows quarters closer in, with the year printed where it changes', () => {
    const choice = chooseTicks([utc(2019, 4, 15), utc(2021, 3)], 500);
    expect(choice.unit).toBe('quarter');
    expect(choice.ticks.map((t) => iso(t.time))).toEqual(['2019-07-01', '2019-10-01', '2020-01-01', '2020-04-01', '2020-07-01', '2020-10-01', '2021-01-01', '2021-04-01']);
    expect(choice.ticks.map((t) => t.label)).toEqual(['Q3', 'Q4', 'Q1', 'Q2', 'Q3', 'Q4', 'Q1', 'Q2']);
    expect(choice.ticks.map((t) => t.yearLabel)).toEqual(['2019', null, '2020', null, null, null, '2021', null]);
  });

  it('labels quarters the Italian way', () => {
    expect(chooseTicks([utc(2020), utc(2021)], 300, 'it').ticks.map((t) => t.label)).toEqual(['T1', 'T2', 'T3', 'T4', 'T1']);
  });

  it('shows months closer still', () => {
    const choice = chooseTicks([utc(2020, 10), utc(2021, 3)], 900);
    expect(choice.unit).toBe('month');
    expect(choice.ticks.map((t) => t.label)).toEqual(['Nov', 'Dec', 'Jan', 'Feb', 'Mar', 'Apr']);
    expect(choice.ticks.map((t) => t.yearLabel)).toEqual(['2020', null, '2021', null, null, null]);
    expect(chooseTicks([utc(2021, 0), utc(2021, 3)], 900, 'it').ticks.map((t) => t.label)).toEqual(['gen', 'feb', 'mar', 'apr']);
  });

  it('keeps ticks at UTC boundaries in any time zone', () => {
    for (const tick of chooseTicks([utc(2019), utc(2021)], 400).ticks) {
      const d = new Date(tick.time);
      expect([d.getUTCDate(), d.getUTCHours()]).toEqual([1, 0]);
      expect(d.getUTCMonth() % 3).toBe(0);
    }
  });

  it('adds year boundaries to the grid when ticks are finer than years', () => {
    const choice = chooseTicks([utc(2020, 10), utc(2021, 3)], 900);
    expect(gridTimes(choice, [utc(2020, 10), utc(2021, 3)]).map(iso)).toContain('2021-01-01');
  });
});
