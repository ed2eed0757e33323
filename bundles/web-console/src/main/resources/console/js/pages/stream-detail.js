// One stream: its state and tasks, live charts of its metrics (polled every 2 s), and its controls.
import * as api from '../api.js';
import { can } from '../session.js';
import { badge, control, dangerousControl, formatNumber, h, notice, replace, table } from '../dom.js';
import { liveChart } from '../charts.js';
import { poll } from '../poll.js';

const INTERVAL_MS = 2000;
/** Five minutes of points at one every two seconds. */
const CAPACITY = 150;

export function render(container, name) {
  const encoded = api.seg(name);
  const state = h('span', {});
  const message = h('div', {});
  const tasks = h('div', {});
  const numbers = h('div', { class: 'numbers', dataset: { test: 'metrics' } });
  const chartArea = h('div', { class: 'charts' });
  const act = (verb) => async () => {
    try {
      await api.post(`streams/${encoded}/${verb}`);
      replace(message, notice(`${verb} requested`, 'info'));
    } catch (e) {
      replace(message, notice(e.message, 'error'));
    }
  };
  replace(container,
    h('div', { class: 'title-row' }, h('h1', {}, h('a', { href: '#/streams' }, 'Streams'), ' / ', name), state),
    h('div', { class: 'controls' },
      control(can, 'manager', 'Start', 'start', act('start')),
      control(can, 'manager', 'Stop', 'stop', act('stop')),
      control(can, 'manager', 'Restart', 'restart', act('restart')),
      control(can, 'admin', 'Edit', 'edit', () => { location.hash = `#/streams/${encoded}/edit`; }),
      dangerousControl(can, 'admin', 'Delete', 'delete', async () => {
        try {
          await api.del(`streams/${encoded}`);
          location.hash = '#/streams';
        } catch (e) {
          replace(message, notice(e.message, 'error'));
        }
      })),
    message,
    h('h2', {}, 'Now'), numbers,
    h('h2', {}, 'Last minutes'), chartArea,
    h('h2', {}, 'Tasks'), tasks);

  const charts = [];
  const chartsReady = Promise.all([
    ['Records per second', 'records/s', ['in', 'out']],
    ['Consumer lag', 'records', ['lag']],
    ['End-to-end latency', 'ms', ['p50', 'p99']],
    ['Watermark delay', 's', ['behind now']],
  ].map(([title, unit, series]) => {
    const holder = h('div', { class: 'chart', dataset: { chart: title } });
    chartArea.appendChild(holder);
    return liveChart(holder, title, unit, series, CAPACITY);
  })).then((made) => { charts.push(...made); });

  let previous = null;
  const stop = poll(async () => {
    try {
      const [status, metrics] = await Promise.all([
        api.get(`streams/${encoded}/status`),
        api.get(`streams/${encoded}/metrics`).catch(() => null),
      ]);
      replace(state, badge(status.state));
      state.dataset.test = 'stream-state';
      showTasks(tasks, status);
      if (metrics) {
        const now = Date.now();
        const rates = ratesOf(metrics, previous, now);
        previous = { at: now, metrics };
        const watermarkDelay = metrics.watermark > 0 ? Math.max(0, (now - metrics.watermark) / 1000) : null;
        showNumbers(numbers, metrics, rates, watermarkDelay);
        await chartsReady;
        const seconds = now / 1000;
        charts[0].add(seconds, [rates.in, rates.out]);
        charts[1].add(seconds, [metrics.lag]);
        charts[2].add(seconds, [metrics.latencyP50Ms, metrics.latencyP99Ms]);
        charts[3].add(seconds, [watermarkDelay]);
      }
    } catch (e) {
      replace(message, notice(e.status === 404 ? `No stream named ${name}` : e.message, 'error'));
    }
  }, INTERVAL_MS);
  return () => {
    stop();
    chartsReady.then(() => charts.forEach((c) => c.destroy()));
  };
}

/** The node's own per-second rates when it gives them, else the change of the totals since the last poll. */
function ratesOf(metrics, previous, now) {
  const fromTotals = (field) => (previous && previous.metrics[field] !== undefined
    ? Math.max(0, (metrics[field] - previous.metrics[field]) / ((now - previous.at) / 1000)) : null);
  return {
    in: metrics.recordsInPerSecond !== undefined ? metrics.recordsInPerSecond : fromTotals('recordsIn'),
    out: metrics.recordsOutPerSecond !== undefined ? metrics.recordsOutPerSecond : fromTotals('recordsOut'),
  };
}

function showNumbers(numbers, metrics, rates, watermarkDelay) {
  const item = (label, value, test) => h('div', { class: 'number' },
    h('div', { class: 'number-value', dataset: { test } }, value), h('div', { class: 'number-label' }, label));
  replace(numbers,
    item('records in', formatNumber(metrics.recordsIn), 'records-in'),
    item('records out', formatNumber(metrics.recordsOut), 'records-out'),
    item('in / s', formatNumber(rates.in, 1), 'in-rate'),
    item('out / s', formatNumber(rates.out, 1), 'out-rate'),
    item('lag', formatNumber(metrics.lag), 'lag'),
    item('latency p50 ms', formatNumber(metrics.latencyP50Ms, 1), 'p50'),
    item('latency p99 ms', formatNumber(metrics.latencyP99Ms, 1), 'p99'),
    item('watermark delay s', formatNumber(watermarkDelay, 1), 'watermark-delay'),
    item('late', formatNumber(metrics.late), 'late'),
    item('dead-lettered', formatNumber(metrics.deadLettered), 'dead-lettered'),
    item('commits', formatNumber(metrics.commits), 'commits'));
}

function showTasks(tasks, status) {
  replace(tasks,
    status.lastError ? notice(`Last error: ${status.lastError}`, 'error') : null,
    table([
      { title: 'Node', render: (t) => t.node },
      { title: 'Task', render: (t) => t.task || '' },
      { title: 'Partitions', render: (t) => (t.partitions || []).join(', ') },
      { title: 'State', render: (t) => badge(t.state) },
      { title: 'Last error', render: (t) => t.lastError || '' },
    ], status.tasks || [], { empty: 'No tasks: the stream does not run', dataset: { test: 'tasks' } }));
}
