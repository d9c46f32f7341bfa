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

/** Ints and times each event takes (the strings vary in number). */
const INTS_PER_EVENT = 15;
const TIMES_PER_EVENT = 4;

/** `data`, or a copy of it with room for `needed` values when it has less. */
function withRoom<T extends Int32Array | Uint32Array | Float64Array>(data: T, needed: number, make: (size: number) => T): T {
  if (needed <= data.length) return data;
  const bigger = make(Math.max(needed, data.length * 2));
  bigger.set(data);
  return bigger;
}

/** How many strings a TextJoiner holds before it joins them. */
const JOIN_EVERY = 1024;

/**
 * Joins a batch's strings into one, with where each ends. It joins them a thousand at a time as
 * they come: the ~85,000 short strings of a batch, all kept until the batch is flushed, would each
 * be copied by every garbage collection in between, and that cost more than the packing itself.
 */
class TextJoiner {
  /** The strings not joined yet: the first `pendingCount` of this array, which is reused. */
  private readonly pending: string[] = new Array<string>(JOIN_EVERY).fill('');
  private pendingCount = 0;
  private joined: string[] = [];
  private length = 0;
  private ends = new Uint32Array(16384);
  private count = 0;

  push(value: string): void {
    if (this.count === this.ends.length) this.ends = withRoom(this.ends, this.count + 1, (size) => new Uint32Array(size));
    this.length += value.length;
    this.ends[this.count++] = this.length;
    if (value === '') return;
    this.pending[this.pendingCount++] = value;
    if (this.pendingCount === JOIN_EVERY) this.joinPending();
  }

  pushAll(values: readonly string[]): void {
    for (let i = 0; i < values.length; i++) this.push(values[i]!);
  }

  /** The strings pushed so far, joined, and where each ends; the joiner starts again empty. */
  take(): { text: string; ends: Uint32Array } {
    this.joinPending();
    const taken = { text: this.joined.join(''), ends: this.ends.slice(0, this.count) };
    this.joined = [];
    this.length = 0;
    this.count = 0;
    return taken;
  }

  private joinPending(): void {
    const pending = this.pendingCount === JOIN_EVERY ? this.pending : this.pending.slice(0, this.pendingCount);
    this.joined.push(pending.join(''));
    this.pendingCount = 0;
  }
}

/** Worker side: packs events one at a time; `flush` hands over what has been packed so far. */
export class EventPacker {
  private readonly texts = new TextJoiner();
  private ints = new Int32Array(INTS_PER_EVENT * 1024);
  private times = new Float64Array(TIMES_PER_EVENT * 1024);
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(event: TimelineEvent): void {
    this.ints = withRoom(this.ints, (this.count + 1) * INTS_PER_EVENT, (size) => new Int32Array(size));
    this.times = withRoom(this.times, (this.count + 1) * TIMES_PER_EVENT, (size) => new Float64Array(size));
    const ints = this.ints;
    let at = this.count * INTS_PER_EVENT;
    ints[at++] = event.row;
    at = this.putDate(at, 0, event.start);
    at = this.putDate(at, 2, event.end);
    ints[at++] = CONFIDENCES.indexOf(event.confidence);
    ints[at++] = (event.contested ? CONTESTED : 0) | (event.sourceUrl !== null ? HAS_SOURCE_URL : 0);
    ints[at++] = event.targets.length;
    ints[at++] = event.tools.length;
    ints[at++] = event.techniques.length;
    ints[at] = event.cves.length;
    const texts = this.texts;
    texts.push(event.id);
    texts.push(event.cluster);
    texts.push(event.kind);
    texts.push(event.title);
    texts.push(event.summary);
    texts.push(event.summaryIt);
    texts.push(event.sourceTitle);
    if (event.sourceUrl !== null) texts.push(event.sourceUrl);
    texts.pushAll(event.targets);
    texts.pushAll(event.tools);
    texts.pushAll(event.techniques);
    texts.pushAll(event.cves);
    this.count++;
  }

  /** The events added since the last flush (none: null). The packer starts on a new batch. */
  flush(): PackedEvents | null {
    if (this.count === 0) return null;
    const { text, ends } = this.texts.take();
    const batch: PackedEvents = {
      count: this.count,
      text,
      ends,
      ints: this.ints.slice(0, this.count * INTS_PER_EVENT),
      times: this.times.slice(0, this.count * TIMES_PER_EVENT),
    };
    this.count = 0;
    return batch;
  }

  /**
   * Four ints (form, year, quarter or month, day) from `at`, and two times at the event's
   * `time`-th time, for a start or end. Returns where the next int goes.
   */
  private putDate(at: number, time: number, date: SourceDate | 'open' | null): number {
    const ints = this.ints;
    const times = this.times;
    const timeAt = this.count * TIMES_PER_EVENT + time;
    if (date === null || date === 'open') {
      ints[at] = date === null ? NO_DATE : OPEN_END;
      ints[at + 1] = 0;
      ints[at + 2] = 0;
      ints[at + 3] = 0;
      times[timeAt] = NaN;
      times[timeAt + 1] = NaN;
      return at + 4;
    }
    ints[at] = 2 + 2 * PRECISIONS.indexOf(date.precision) + (date.approximate ? 1 : 0);
    ints[at + 1] = date.year;
    ints[at + 2] = date.quarter ?? date.month ?? 0;
    ints[at + 3] = date.day ?? 0;
    times[timeAt] = date.earliest;
    times[timeAt + 1] = date.latest;
    return at + 4;
  }
}

/** The buffers of a batch that can be transferred rather than copied. */
export function transferablesOf(batch: PackedEvents): ArrayBuffer[] {
  return [batch.ends.buffer, batch.ints.buffer, batch.times.buffer] as ArrayBuffer[];
}

/**
 * Every rebuilt event is kept, so each one's objects survive the garbage collector's young-generation
 * passes, whose pauses grow with what survives: at 100,000 events they reached 50 ms, a long task
 * while the file loads. So the page shares what repeats (nothing changes an event once made):
 * one empty list for every empty list, and one object per distinct date for all the batches of a load.
 */
const NO_ITEMS: readonly string[] = [];
/** Dates by their packed form; kept across batches, dropped when a dataset has more distinct ones than this. */
const DATE_CACHE_LIMIT = 100_000;
const sharedDates = new Map<number, SourceDate>();

/** A batch's strings, which the events rebuilt from it keep for their texts and lists. */
interface BatchTexts {
  readonly text: string;
  readonly ends: Uint32Array;
}

function textOf(texts: BatchTexts, index: number): string {
  return texts.text.slice(index === 0 ? 0 : texts.ends[index - 1]!, texts.ends[index]!);
}

function listOf(texts: BatchTexts, first: number, count: number): readonly string[] {
  if (count === 0) return NO_ITEMS;
  const items = new Array<string>(count);
  for (let i = 0; i < count; i++) items[i] = textOf(texts, first + i);
  return items;
}

/**
 * An event rebuilt on the page. What the chart reads of every event as soon as the data arrives
 * (id, lane, kind, dates, confidence, flags, row) is made with it; its texts and lists (title,
 * summaries, source, the `;`-lists) are cut from the batch's string the first time they are read,
 * and kept. Most are only read for the few events a person looks at (the table's page, a tooltip,
 * a panel), and making all of them while the file loads took the page's thread and the garbage
 * collector a good part of the two cores the worker's reading needs.
 */
class RebuiltEvent implements TimelineEvent {
  #title: string | undefined;
  #summary: string | undefined;
  #summaryIt: string | undefined;
  #sourceTitle: string | undefined;
  #sourceUrl: string | null | undefined;
  #targets: readonly string[] | undefined;
  #tools: readonly string[] | undefined;
  #techniques: readonly string[] | undefined;
  #cves: readonly string[] | undefined;

  readonly #texts: BatchTexts;
  /** The title's place among the batch's strings; summary, summaryIt, sourceTitle, the URL if any and the lists follow it. */
  readonly #at: number;
  readonly #hasSourceUrl: boolean;
  readonly #targetCount: number;
  readonly #toolCount: number;
  readonly #techniqueCount: number;
  readonly #cveCount: number;

  constructor(
    readonly id: string,
    readonly cluster: string,
    readonly kind: string,
    readonly start: SourceDate,
    readonly end: SourceDate | 'open' | null,
    readonly confidence: Confidence | null,
    readonly contested: boolean,
    readonly row: number,
    texts: BatchTexts,
    at: number,
    hasSourceUrl: boolean,
    targetCount: number,
    toolCount: number,
    techniqueCount: number,
    cveCount: number,
  ) {
    this.#texts = texts;
    this.#at = at;
    this.#hasSourceUrl = hasSourceUrl;
    this.#targetCount = targetCount;
    this.#toolCount = toolCount;
    this.#techniqueCount = techniqueCount;
    this.#cveCount = cveCount;
  }

  get title(): string {
    return (this.#title ??= textOf(this.#texts, this.#at));
  }

  get summary(): string {
    return (this.#summary ??= textOf(this.#texts, this.#at + 1));
  }

  get summaryIt(): string {
    return (this.#summaryIt ??= textOf(this.#texts, this.#at + 2));
  }

  get sourceTitle(): string {
    return (this.#sourceTitle ??= textOf(this.#texts, this.#at + 3));
  }

  get sourceUrl(): string | null {
    if (this.#sourceUrl === undefined) this.#sourceUrl = this.#hasSourceUrl ? textOf(this.#texts, this.#at + 4) : null;
    return this.#sourceUrl;
  }

  get #listsAt(): number {
    return this.#at + (this.#hasSourceUrl ? 5 : 4);
  }

  get targets(): readonly string[] {
    return (this.#targets ??= listOf(this.#texts, this.#listsAt, this.#targetCount));
  }

  get tools(): readonly string[] {
    return (this.#tools ??= listOf(this.#texts, this.#listsAt + this.#targetCount, this.#toolCount));
  }

  get techniques(): readonly string[] {
    return (this.#techniques ??= listOf(this.#texts, this.#listsAt + this.#targetCount + this.#toolCount, this.#techniqueCount));
  }

  get cves(): readonly string[] {
    return (this.#cves ??= listOf(this.#texts, this.#listsAt + this.#targetCount + this.#toolCount + this.#techniqueCount, this.#cveCount));
  }

  /** JSON gets the event's fields, as it would for a plain event (the texts are not own properties). */
  toJSON(): TimelineEvent {
    return plainEvent(this);
  }
}

/** An event's fields as a plain object, whichever way it was made (for JSON, and for comparing events in tests). */
export function plainEvent(event: TimelineEvent): TimelineEvent {
  const plain = {
    id: event.id,
    cluster: event.cluster,
    kind: event.kind,
    start: event.start,
    end: event.end,
    title: event.title,
    summary: event.summary,
    summaryIt: event.summaryIt,
    confidence: event.confidence,
    contested: event.contested,
    targets: event.targets,
    tools: event.tools,
    techniques: event.techniques,
    cves: event.cves,
    sourceTitle: event.sourceTitle,
    sourceUrl: event.sourceUrl,
    row: event.row,
  } satisfies Record<keyof TimelineEvent, unknown>;
  return plain;
}

/** Page side: rebuilds a batch's events one at a time, in the order they were packed. */
export class PackedBatchReader {
  private read = 0;
  private int = 0;
  private time = 0;
  private textIndex = 0;
  private readonly texts: BatchTexts;

  constructor(private readonly batch: PackedEvents) {
    this.texts = { text: batch.text, ends: batch.ends };
  }

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
    const texts = this.texts;
    const at = this.textIndex;
    const hasSourceUrl = (flags & HAS_SOURCE_URL) !== 0;
    // id, cluster, kind; then title, summary, summaryIt, sourceTitle, the URL if any, and the lists.
    this.textIndex = at + 7 + (hasSourceUrl ? 1 : 0) + targetCount + toolCount + techniqueCount + cveCount;
    this.read++;
    return new RebuiltEvent(
      textOf(texts, at),
      textOf(texts, at + 1),
      textOf(texts, at + 2),
      start,
      end,
      confidence,
      (flags & CONTESTED) !== 0,
      row,
      texts,
      at + 3,
      hasSourceUrl,
      targetCount,
      toolCount,
      techniqueCount,
      cveCount,
    );
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
    // A date's fields decide its interval, so one key stands for the whole object.
    const key = ((form * 10_000 + year) * 13 + part) * 32 + day;
    let shared = sharedDates.get(key);
    if (shared === undefined) {
      if (sharedDates.size >= DATE_CACHE_LIMIT) sharedDates.clear();
      shared = dateOf(form, year, part, day, earliest, latest);
      sharedDates.set(key, shared);
    }
    return shared;
  }
}

function dateOf(form: number, year: number, part: number, day: number, earliest: number, latest: number): SourceDate {
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
