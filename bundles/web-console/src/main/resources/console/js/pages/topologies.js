// Storm topologies: the list, and one topology with its spouts, bolts and workers and its controls.
import * as api from '../api.js';
import { can } from '../session.js';
import { badge, control, dangerousControl, formatDuration, formatNumber, h, notice, replace, table } from '../dom.js';
import { poll } from '../poll.js';

export function renderList(container) {
  const list = h('div', {});
  replace(container, h('h1', {}, 'Storm topologies'), list);
  return poll(async () => {
    try {
      const topologies = await api.get('topologies');
      replace(list, table([
        { title: 'Name', render: (t) => h('a', { href: `#/topologies/${api.seg(t.id)}` }, t.name) },
        { title: 'Status', render: (t) => badge(t.status) },
        { title: 'Uptime', render: (t) => formatDuration(t.uptimeSeconds) },
        { title: 'Workers', render: (t) => t.workers, class: 'num' },
        { title: 'Executors', render: (t) => t.executors, class: 'num' },
        { title: 'Tasks', render: (t) => t.tasks, class: 'num' },
        { title: 'Owner', render: (t) => ownerLink(t.owner) },
      ], topologies, { empty: 'No topologies deployed', dataset: { test: 'topologies' }, rowData: (t) => ({ topology: t.name }) }));
    } catch (e) {
      // 503 NIMBUS_UNAVAILABLE or STORM_NOT_INSTALLED: say so rather than show an empty list.
      replace(list, notice(e.message, 'error'));
    }
  }, 5000);
}

/** A stream's topology links to its stream; a bundle's names its bundle. */
function ownerLink(owner) {
  if (owner && owner.startsWith('stream:')) {
    const stream = owner.slice('stream:'.length);
    return h('a', { href: `#/streams/${api.seg(stream)}` }, owner);
  }
  return owner || '';
}

export function renderDetail(container, id) {
  const encoded = api.seg(id);
  const head = h('span', {});
  const message = h('div', {});
  const body = h('div', {});
  const act = (verb, request) => async () => {
    try {
      await api.post(`topologies/${encoded}/${verb}`, request ? request() : undefined);
      replace(message, notice(`${verb} requested`, 'info'));
    } catch (e) {
      replace(message, notice(e.message, 'error'));
    }
  };
  const workers = h('input', { type: 'number', min: '1', value: '1', class: 'small', 'aria-label': 'workers' });
  const wait = h('input', { type: 'number', min: '5', value: '10', class: 'small', 'aria-label': 'wait seconds' });
  const controls = can('manager')
    ? h('div', { class: 'controls' },
      control(can, 'manager', 'Activate', 'activate', act('activate')),
      control(can, 'manager', 'Deactivate', 'deactivate', act('deactivate')),
      h('label', {}, 'workers ', workers),
      control(can, 'manager', 'Rebalance', 'rebalance', act('rebalance', () => ({ waitSeconds: Number(wait.value), workers: Number(workers.value) }))),
      h('label', {}, 'wait s ', wait),
      dangerousControl(can, 'manager', 'Kill', 'kill', act('kill', () => ({ waitSeconds: Number(wait.value) }))))
    : null;
  replace(container,
    h('div', { class: 'title-row' }, h('h1', {}, h('a', { href: '#/topologies' }, 'Topologies'), ' / ', id), head),
    controls, message, body);
  return poll(async () => {
    try {
      const t = await api.get(`topologies/${encoded}`);
      replace(head, badge(t.status));
      const componentColumns = (latency) => [
        { title: 'Component', render: (c) => c.id },
        { title: 'Executors', render: (c) => c.executors, class: 'num' },
        { title: 'Tasks', render: (c) => c.tasks, class: 'num' },
        { title: 'Emitted', render: (c) => formatNumber(c.emitted), class: 'num' },
        { title: 'Acked', render: (c) => formatNumber(c.acked), class: 'num' },
        { title: 'Failed', render: (c) => formatNumber(c.failed), class: 'num' },
        { title: latency, render: (c) => formatNumber(c.completeLatencyMs !== undefined ? c.completeLatencyMs : c.processLatencyMs, 2), class: 'num' },
        { title: 'Last error', render: (c) => (c.lastError ? c.lastError.error || JSON.stringify(c.lastError) : '') },
      ];
      replace(body,
        h('p', {}, `Uptime ${formatDuration(t.uptimeSeconds)} · ${t.workers} worker(s) · ${t.executors} executor(s) · ${t.tasks} task(s) · owner `, ownerLink(t.owner)),
        h('h2', {}, 'Spouts'), table(componentColumns('Complete latency ms'), t.spouts || [], { dataset: { test: 'spouts' } }),
        h('h2', {}, 'Bolts'), table(componentColumns('Process latency ms'), t.bolts || [], { dataset: { test: 'bolts' } }),
        h('h2', {}, 'Worker processes'), table([
          { title: 'Host', render: (w) => w.host },
          { title: 'Port', render: (w) => w.port, class: 'num' },
          { title: 'Uptime', render: (w) => formatDuration(w.uptimeSeconds) },
          { title: 'Executors', render: (w) => w.executors, class: 'num' },
          { title: 'Tasks per component', render: (w) => Object.entries(w.componentTasks || {}).map(([k, v]) => `${k}: ${v}`).join(', ') },
        ], t.workerProcesses || []));
    } catch (e) {
      replace(body, notice(e.status === 404 ? `No topology ${id}` : e.message, 'error'));
    }
  }, 5000);
}
