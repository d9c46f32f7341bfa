// Injected by bench/run.mjs into every benchmark page before any of the page's own scripts run
// (Playwright addInitScript; window.__BENCH_CONFIG is set just before this). It changes nothing the
// page does; it only observes:
//   - long tasks (PerformanceObserver 'longtask', ≥ 50 ms);
//   - app: the moment a parsed dataset is handed to <tl-app> (its `data` setter, wrapped right after
//     customElements.define('tl-app')), and each message from the CSV worker (a Worker subclass that
//     adds its own listener first, so the time spent deserialising the message is seen);
//   - the first frame that shows the new data: checked at the top of every animation frame, then a
//     task posted from that frame runs after its style, layout and paint;
//   - when the main thread has settled (no frame gap or long task over 50 ms for 500 ms);
// and it runs the zoom/pan sequence. Events are streamed to the runner through console.debug, so
// that a page that later hangs has still reported what it did.
(() => {
  const cfg = window.__BENCH_CONFIG || {};
  const now = () => performance.now();
  const PREFIX = cfg.idPrefix || 'syn-';
  const send = (type, data = {}) => {
    try {
      console.debug(`\u0001BENCH${JSON.stringify({ type, t: now(), ...data })}`);
    } catch {
      // nothing to report to
    }
  };
  const postTask = (fn) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      fn();
    };
    channel.port2.postMessage(0);
  };

  const B = {
    cfg,
    hook: 'none',
    longtasks: [],
    workers: [],
    dataReadyAt: null,
    dataReadySource: null,
    dataInfo: null,
    readyData: null,
    contentAt: null,
    firstPaintAt: null,
    settledAt: null,
    steps: [],
    errors: [],
  };
  window.__bench = B;

  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) B.longtasks.push([entry.startTime, entry.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch (error) {
    B.errors.push(`longtask observer: ${error}`);
  }

  // ——— data ready ———

  B.dataReady = (info, source = 'page') => {
    if (B.dataReadyAt !== null) return;
    B.dataReadyAt = now();
    B.dataReadySource = source;
    B.dataInfo = info ?? null;
    send('dataReady', { info: B.dataInfo, source });
    watchPaint();
  };
  /** A page-specific event, streamed to the runner (the vis page reports its redraws this way). */
  B.note = (type, data) => send(type, data);
  B.fail = (message) => {
    B.errors.push(message);
    send('error', { message });
  };

  if (cfg.contender === 'app') {
    const isOurs = (value) => {
      const events = value && value.events;
      if (!Array.isArray(events) || events.length === 0) return false;
      return cfg.bundled ? true : String(events[0] && events[0].id).startsWith(PREFIX);
    };
    const patch = (ctor) => {
      let descriptor;
      for (let proto = ctor.prototype; proto && !descriptor; proto = Object.getPrototypeOf(proto)) {
        descriptor = Object.getOwnPropertyDescriptor(proto, 'data');
      }
      if (!descriptor || typeof descriptor.set !== 'function') return;
      Object.defineProperty(ctor.prototype, 'data', {
        configurable: true,
        enumerable: descriptor.enumerable,
        get: descriptor.get,
        set(value) {
          if (B.dataReadyAt === null && isOurs(value)) {
            B.readyData = value;
            B.dataReady(
              {
                events: value.events.length,
                clusters: Array.isArray(value.clusters) ? value.clusters.length : null,
                problems: Array.isArray(value.problems) ? value.problems.length : null,
                problemSample: Array.isArray(value.problems) ? value.problems.slice(0, 3).map((p) => JSON.stringify(p).slice(0, 300)) : [],
              },
              'tl-app data setter',
            );
          }
          descriptor.set.call(this, value);
        },
      });
      B.hook = 'tl-app data setter';
    };
    const define = CustomElementRegistry.prototype.define;
    CustomElementRegistry.prototype.define = function (name, ctor, options) {
      const result = define.call(this, name, ctor, options);
      if (name === 'tl-app') {
        try {
          patch(ctor);
        } catch (error) {
          B.errors.push(`patch tl-app: ${error}`);
        }
      }
      return result;
    };

    if (typeof window.Worker === 'function') {
      const Native = window.Worker;
      window.Worker = class extends Native {
        constructor(url, options) {
          super(url, options);
          const record = { created: now(), messages: [] };
          B.workers.push(record);
          this.addEventListener('message', (event) => {
            const t0 = now();
            let data;
            try {
              data = event.data; // deserialises the message here, before the app's own listener
            } catch {
              data = undefined;
            }
            const t1 = now();
            if (record.messages.length < 5000) {
              record.messages.push([t0, t1 - t0, data && typeof data === 'object' ? String(data.type ?? '') : typeof data, data && data.phase ? String(data.phase) : '']);
            }
            // Without the setter hook, the paint watch starts with the worker's first message.
            if (B.hook === 'none') watchPaint();
          });
        }
      };
    }
  }

  // ——— first paint of the data ———

  const findTimeline = () => {
    const app = document.querySelector('tl-app');
    const direct = app && app.shadowRoot && app.shadowRoot.querySelector('tl-timeline');
    if (direct) return direct;
    const stack = [document];
    while (stack.length) {
      const root = stack.pop();
      const found = root.querySelector('tl-timeline');
      if (found) return found;
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) stack.push(el.shadowRoot);
    }
    return null;
  };
  B.findTimeline = findTimeline;

  const appShowsData = () => {
    const tl = findTimeline();
    if (!tl || !tl.shadowRoot || tl.isUpdatePending || tl.hasUpdated === false) return false;
    const root = tl.shadowRoot;
    const events = tl.events;
    if (Array.isArray(events)) {
      if (events.length === 0) return false;
      const first = events[0];
      const ready = B.readyData && B.readyData.events;
      let ours;
      if (ready) ours = ready[0] === first || ready.indexOf(first) >= 0 || ready.some((e) => e && first && e.id === first.id);
      else ours = String(first && first.id).startsWith(PREFIX);
      if (!ours) return false;
      return Boolean(root.querySelector('.mark, canvas, [data-id]'));
    }
    return Boolean(root.querySelector(`[data-id^="${PREFIX}"]`));
  };
  const visShowsData = () => {
    const tl = window.__visTimeline;
    return Boolean(tl && tl.initialDrawDone === true && document.querySelector('#timeline .vis-item'));
  };
  const showsData = cfg.contender === 'vis' ? visShowsData : appShowsData;

  // The data may reach the DOM in a task (then the next frame paints it) or inside a frame, from a
  // requestAnimationFrame or ResizeObserver callback of the page's own (then that frame paints it).
  // So it is checked twice a frame: at the top (the probe's rAF callback, which runs before any the
  // page registered since the last frame) and after layout (a ResizeObserver callback on a hidden
  // 1-px element whose width the probe toggles every frame). Either way, a task posted from there
  // runs after that frame's paint.
  let watching = false;
  function watchPaint() {
    if (watching) return;
    watching = true;
    const marker = document.createElement('div');
    for (const [k, v] of Object.entries({ position: 'fixed', left: '0', top: '0', width: '1px', height: '1px', visibility: 'hidden', pointerEvents: 'none' })) marker.style[k] = v;
    document.documentElement.appendChild(marker);
    let flip = false;
    let done = false;
    const check = (where) => {
      if (done) return;
      let shown = false;
      try {
        shown = showsData();
      } catch (error) {
        B.errors.push(`showsData: ${error}`);
      }
      if (!shown) return;
      done = true;
      B.contentAt = now();
      B.contentSeenBy = where;
      postTask(() => {
        B.firstPaintAt = now();
        observer.disconnect();
        marker.remove();
        send('firstPaint', { contentAt: B.contentAt, seenBy: where });
        watchSettle();
      });
    };
    const observer = new ResizeObserver(() => check('after layout'));
    observer.observe(marker);
    const loop = () => {
      if (done) return;
      check('frame start');
      if (done) return;
      flip = !flip;
      marker.style.width = flip ? '2px' : '1px';
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  }

  // ——— settled: ≥ minMs after first paint, then 500 ms with no frame gap or long task over 50 ms ———

  function watchSettle() {
    const minMs = cfg.settleMinMs ?? 1500;
    const quietMs = 500;
    let quietSince = null;
    let last = null;
    const loop = (frameTime) => {
      const t = now();
      const gap = last === null ? 0 : frameTime - last;
      last = frameTime;
      const lastLong = B.longtasks.reduce((end, [start, duration]) => Math.max(end, start + duration), 0);
      if (gap > 50 || t - lastLong < quietMs) quietSince = null;
      else if (quietSince === null) quietSince = t;
      if (quietSince !== null && t - quietSince >= quietMs && t - B.firstPaintAt >= minMs) {
        B.settledAt = quietSince;
        send('settled', { settledAt: quietSince });
        return;
      }
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  }

  // ——— what the runner reads after the load ———

  B.collect = () => {
    const resources = performance
      .getEntriesByType('resource')
      .filter((r) => /\.csv(\?|$)/.test(r.name))
      .map((r) => ({ name: new URL(r.name).pathname, startTime: r.startTime, responseStart: r.responseStart, responseEnd: r.responseEnd, size: r.decodedBodySize }));
    const marks = performance
      .getEntriesByType('mark')
      .filter((m) => m.name.startsWith('tl:'))
      .map((m) => ({ name: m.name, startTime: m.startTime }));
    const nav = performance.getEntriesByType('navigation')[0];
    return {
      hook: B.hook,
      dataReadyAt: B.dataReadyAt,
      dataReadySource: B.dataReadySource,
      dataInfo: B.dataInfo,
      contentAt: B.contentAt,
      contentSeenBy: B.contentSeenBy ?? null,
      firstPaintAt: B.firstPaintAt,
      settledAt: B.settledAt,
      resources,
      marks,
      longtasks: B.longtasks.slice(),
      workers: B.workers,
      domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
      loadEventEnd: nav ? nav.loadEventEnd : null,
      memory: performance.memory ? { used: performance.memory.usedJSHeapSize, total: performance.memory.totalJSHeapSize } : null,
      vis: window.__visDiag ?? null,
      errors: B.errors,
    };
  };

  /** Nodes and elements in the document and every shadow root inside it, counted recursively. */
  B.countDom = () => {
    let nodes = 0;
    let elements = 0;
    let shadowRoots = 0;
    const walk = (root) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_ALL);
      for (let node = walker.currentNode; node; node = walker.nextNode()) {
        nodes++;
        if (node.nodeType === 1) {
          elements++;
          if (node.shadowRoot) {
            shadowRoots++;
            walk(node.shadowRoot);
          }
        }
      }
    };
    walk(document);
    return { nodes, elements, shadowRoots };
  };

  // ——— the zoom/pan sequence ———

  const ANCHOR = Date.UTC(2016, 0, 1);
  const ZOOM_STEPS = 30;
  const PAN_STEPS = 30;
  const ZOOM_TOTAL = 48; // about 12 years → 3 months
  const ZOOM_FACTOR = Math.pow(ZOOM_TOTAL, 1 / ZOOM_STEPS);
  const PAN_FRACTION = 0.1;

  const deepElementFromPoint = (x, y) => {
    let el = document.elementFromPoint(x, y);
    while (el && el.shadowRoot) {
      const inner = el.shadowRoot.elementFromPoint(x, y);
      if (!inner || inner === el) break;
      el = inner;
    }
    return el;
  };

  const appAdapter = {
    timeline: null,
    surface() {
      const tl = this.timeline;
      const root = tl.shadowRoot;
      const el = root.querySelector('svg.plot .zoom-surface') || root.querySelector('svg.plot') || root.querySelector('canvas') || tl;
      return { el, rect: el.getBoundingClientRect() };
    },
    prepare() {
      this.timeline = findTimeline();
      if (!this.timeline) throw new Error('no tl-timeline');
      const { rect } = this.surface();
      if (rect.top < 0 || rect.top + 60 > innerHeight) this.timeline.scrollIntoView({ block: 'start' });
    },
    window() {
      const range = this.timeline.visibleRange;
      return range ? [Number(range[0]), Number(range[1])] : null;
    },
    target(x, y) {
      const el = deepElementFromPoint(x, y);
      // Only a point inside the chart counts; otherwise send the event to the chart itself.
      return el && this.timeline.shadowRoot.contains(el) ? el : this.surface().el;
    },
    /** A wheel notch over the anchor date, sized so that d3-zoom's default wheel scaling gives `factor`. */
    zoom(factor) {
      const { rect } = this.surface();
      const view = this.window();
      const x = view ? rect.left + ((ANCHOR - view[0]) / (view[1] - view[0])) * rect.width : rect.left + rect.width / 2;
      const y = rect.top + Math.min(rect.height / 2, 40);
      this.target(x, y).dispatchEvent(
        new WheelEvent('wheel', { deltaY: -Math.log2(factor) / 0.002, deltaMode: 0, clientX: x, clientY: y, bubbles: true, cancelable: true, composed: true, view: window }),
      );
    },
    /** A mouse drag to the left by `fraction` of the plot's width: the view moves later in time. */
    pan(fraction) {
      const { rect } = this.surface();
      const x = rect.left + rect.width / 2;
      const y = rect.top + Math.min(rect.height / 2, 40);
      const dx = fraction * rect.width;
      const target = this.target(x, y);
      const init = (clientX, buttons) => ({ clientX, clientY: y, screenX: clientX, screenY: y, button: 0, buttons, bubbles: true, cancelable: true, composed: true, view: window });
      target.dispatchEvent(new MouseEvent('mousedown', init(x, 1)));
      target.dispatchEvent(new MouseEvent('mousemove', init(x - dx, 1)));
      target.dispatchEvent(new MouseEvent('mouseup', init(x - dx, 0)));
    },
  };

  const visAdapter = {
    tl: null,
    prepare() {
      this.tl = window.__visTimeline;
      if (!this.tl) throw new Error('no vis timeline');
    },
    window() {
      const w = this.tl.getWindow();
      return [Number(w.start), Number(w.end)];
    },
    zoom(factor) {
      const [a, b] = this.window();
      this.tl.setWindow(ANCHOR - (ANCHOR - a) / factor, ANCHOR + (b - ANCHOR) / factor, { animation: false });
    },
    pan(fraction) {
      const [a, b] = this.window();
      const d = (b - a) * fraction;
      this.tl.setWindow(a + d, b + d, { animation: false });
    },
  };

  /**
   * One step: the action runs at the top of an animation frame (A). Its cost is the main-thread
   * time from there to a task posted from frame A (which runs after A's style, layout and paint),
   * plus the next frame (B) from its first animation-frame callback (registered before the action,
   * so before any the page registers) to a task posted from it: a page that draws in its own
   * requestAnimationFrame does so in B.
   */
  const step = (action) =>
    new Promise((resolve) => {
      requestAnimationFrame((frameA) => {
        const t0 = now();
        const r = { frameA, frameB: null, t0, startB: null, sync: 0, costA: null, costB: null, cost: null, late: false, error: null };
        let endA = null;
        let endB = null;
        let startB = null;
        const finish = () => {
          if (endA === null || endB === null) return;
          r.costA = endA - t0;
          r.costB = endB - startB;
          r.cost = r.costA + r.costB;
          resolve(r);
        };
        requestAnimationFrame((frameB) => {
          r.frameB = frameB;
          startB = now();
          r.startB = startB;
          if (endA === null) {
            // Frame B started before A's posted task ran: A's cost runs to here.
            endA = startB;
            r.late = true;
          }
          postTask(() => {
            endB = now();
            finish();
          });
        });
        try {
          action();
        } catch (error) {
          r.error = String(error);
        }
        r.sync = now() - t0;
        postTask(() => {
          if (endA === null) endA = now();
          finish();
        });
      });
    });

  B.runSequence = async ({ deadlineMs = 60_000 } = {}) => {
    const adapter = cfg.contender === 'vis' ? visAdapter : appAdapter;
    adapter.prepare();
    const before = adapter.window();
    const start = now();
    const plan = [...Array.from({ length: ZOOM_STEPS }, () => ['zoom', ZOOM_FACTOR]), ...Array.from({ length: PAN_STEPS }, () => ['pan', PAN_FRACTION])];
    send('sequenceStart', { before });
    let timedOut = false;
    for (let i = 0; i < plan.length; i++) {
      const [kind, amount] = plan[i];
      const r = await step(() => adapter[kind](amount));
      r.i = i;
      r.kind = kind;
      B.steps.push(r);
      send('step', { step: r });
      if (now() - start > deadlineMs && i < plan.length - 1) {
        timedOut = true;
        break;
      }
    }
    // One more frame, so the last step's frame B has an end.
    const tail = await new Promise((resolve) => requestAnimationFrame(() => resolve(now())));
    const after = adapter.window();
    const result = { steps: B.steps, tail, before, after, wallMs: now() - start, timedOut, zoomFactorPlanned: Math.pow(ZOOM_FACTOR, ZOOM_STEPS) };
    send('sequenceDone', { wallMs: result.wallMs, timedOut, before, after });
    return result;
  };
})();
