// Events in a compact form for the trip from the CSV worker to the page: numbers in typed arrays
// (transferred, not copied) and all the strings in one long string. Structured cloning 100,000
// event objects costs the page far more than rebuilding them from this (the clone writes and reads
// every property name of every object), and the page can rebuild them a few at a time.

import type { Precision, SourceDate } from '../model/dates';
import type { Confidence, TimelineEvent } from '../model/types';

/** A batch of events as `EventPacker.flush` makes it; post it with `transferablesOf(batch)`. */
export interface PackedEvents {
  readonly count: number;
  /** Every string of the batch's events, one after another. */
  readonly text: string;
  /** Where each of `text`'s strings ends. */
  readonly ends: Uint32Array;
  /** Per event: row, start and end (4 each: form, year, quarter or month, day), confidence, flags, the 4 list lengths. */
  readonly ints: Int32Array;
  /** Per event: start.earliest, start.latest, end.earliest, end.latest (NaN when the end is not a date). */
  readonly times: Float64Array;
}

const PRECISIONS: readonly Precision[] = ['year', 'quarter', 'month', 'day'];
const CONFIDENCES: readonly (Confidence | null)[] = [null, 'high', 'moderate', 'low'];

/** A date's form: 0 no date, 1 an open end, otherwise 2 + 2 × precision + approximate. */
const NO_DATE = 0;
const OPEN_END = 1;

const CONTESTED = 1;
const HAS_SOURCE_URL = 2;

/** Growable storage in a typed array, so that a batch's numbers need no conversion at the end. */
class NumberList<T extends Int32Array | Uint32Array | Float64Array> {
  length = 0;

  constructor(
    private data: T,
    private readonly make: (size: number) => T,
  ) {}

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  /** The values pushed so far, in an array of their own; the list starts again empty. */
  take(): T {
    const out = this.data.slice(0, this.length) as T;
    this.length = 0;
    return out;
  }
}

/** Worker side: packs events one at a time; `flush` hands over what has been packed so far. */
export class EventPacker {
  private texts: string[] = [];
  private textLength = 0;
  private readonly ends = new NumberList(new Uint32Array(16384), (size) => new Uint32Array(size));
  private readonly ints = new NumberList(new Int32Array(16384), (size) => new Int32Array(size));
  private readonly times = new NumberList(new Float64Array(4096), (size) => new Float64Array(size));
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(event: TimelineEvent): void {
    const ints = this.ints;
    ints.push(event.row);
    this.pushDate(event.start);
    this.pushDate(event.end);
    ints.push(CONFIDENCES.indexOf(event.confidence));
    ints.push((event.contested ? CONTESTED : 0) | (event.sourceUrl !== null ? HAS_SOURCE_URL : 0));
    ints.push(event.targets.length);
    ints.push(event.tools.length);
    ints.push(event.techniques.length);
    ints.push(event.cves.length);
    this.pushText(event.id);
    this.pushText(event.cluster);
    this.pushText(event.kind);
    this.pushText(event.title);
    this.pushText(event.summary);
    this.pushText(event.summaryIt);
    this.pushText(event.sourceTitle);
    if (event.sourceUrl !== null) this.pushText(event.sourceUrl);
    for (const item of event.targets) this.pushText(item);
    for (const item of event.tools) this.pushText(item);
    for (const item of event.techniques) this.pushText(item);
    for (const item of event.cves) this.pushText(item);
    this.count++;
  }

  /** The events added since the last flush (none: null). The packer starts on a new batch. */
  flush(): PackedEvents | null {
    if (this.count === 0) return null;
    const batch: PackedEvents = {
      count: this.count,
      text: this.texts.join(''),
      ends: this.ends.take(),
      ints: this.ints.take(),
      times: this.times.take(),
    };
    this.texts = [];
    this.textLength = 0;
    this.count = 0;
    return batch;
  }

  /** Four ints (form, year, quarter or month, day) and two times for a start or end. */
  private pushDate(date: SourceDate | 'open' | null): void {
    const ints = this.ints;
    if (date === null || date === 'open') {
      ints.push(date === null ? NO_DATE : OPEN_END);
      ints.push(0);
      ints.push(0);
      ints.push(0);
      this.times.push(NaN);
      this.times.push(NaN);
      return;
    }
    ints.push(2 + 2 * PRECISIONS.indexOf(date.precision) + (date.approximate ? 1 : 0));
    ints.push(date.year);
    ints.push(date.quarter ?? date.month ?? 0);
    ints.push(date.day ?? 0);
    this.times.push(date.earliest);
    this.times.push(date.latest);
  }

  private pushText(value: string): void {
    this.texts.push(value);
    this.textLength += value.length;
    this.ends.push(this.textLength);
  }
}

/** The buffers of a batch that can be transferred rather than copied. */
export function transferablesOf(batch: PackedEvents): ArrayBuffer[] {
  return [batch.ends.buffer, batch.ints.buffer, batch.times.buffer] as ArrayBuffer[];
}

/** Page side: rebuilds a batch's events one at a time, in the order they were packed. */
export class PackedBatchReader {
  private read = 0;
  private int = 0;
  private time = 0;
  private textIndex = 0;
  private textStart = 0;

  constructor(private readonly batch: PackedEvents) {}

  get done(): boolean {
    return this.read >= this.batch.count;
  }

  /** The next event; only while `done` is false. */
  next(): TimelineEvent {
    const ints = this.batch.ints;
    const row = ints[this.int++]!;
    const start = this.date() as SourceDate;
    const end = this.date();
    const confidence = CONFIDENCES[ints[this.int++]!] ?? null;
    const flags = ints[this.int++]!;
    const targetCount = ints[this.int++]!;
    const toolCount = ints[this.int++]!;
    const techniqueCount = ints[this.int++]!;
    const cveCount = ints[this.int++]!;
    const id = this.text();
    const cluster = this.text();
    const kind = this.text();
    const title = this.text();
    const summary = this.text();
    const summaryIt = this.text();
    const sourceTitle = this.text();
    const sourceUrl = flags & HAS_SOURCE_URL ? this.text() : null;
    const targets = this.list(targetCount);
    const tools = this.list(toolCount);
    const techniques = this.list(techniqueCount);
    const cves = this.list(cveCount);
    this.read++;
    return {
      id,
      cluster,
      kind,
      start,
      end,
      title,
      summary,
      summaryIt,
      confidence,
      contested: (flags & CONTESTED) !== 0,
      targets,
      tools,
      techniques,
      cves,
      sourceTitle,
      sourceUrl,
      row,
    };
  }

  private date(): SourceDate | 'open' | null {
    const ints = this.batch.ints;
    const form = ints[this.int]!;
    const year = ints[this.int + 1]!;
    const part = ints[this.int + 2]!;
    const day = ints[this.int + 3]!;
    this.int += 4;
    const earliest = this.batch.times[this.time]!;
    const latest = this.batch.times[this.time + 1]!;
    this.time += 2;
    if (form === NO_DATE) return null;
    if (form === OPEN_END) return 'open';
    const approximate = (form - 2) % 2 === 1;
    const precision = PRECISIONS[(form - 2) >> 1]!;
    // The same keys, in the same order, as parseSourceDate gives each precision.
    switch (precision) {
      case 'year':
        return { earliest, latest, precision, approximate, year };
      case 'quarter':
        return { earliest, latest, precision, approximate, year, quarter: part };
      case 'month':
        return { earliest, latest, precision, approximate, year, month: part };
      case 'day':
        return { earliest, latest, precision, approximate, year, month: part, day };
    }
  }

  private list(count: number): string[] {
    const items = new Array<string>(count);
    for (let i = 0; i < count; i++) items[i] = this.text();
    return items;
  }

  private text(): string {
    const end = this.batch.ends[this.textIndex++]!;
    const value = this.batch.text.slice(this.textStart, end);
    this.textStart = end;
    return value;
  }
}
