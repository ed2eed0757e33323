// Overview: the node's health, Kafka and Storm, the live nodes and the streams by state.
import * as api from '../api.js';
import { badge, formatNumber, h, notice, replace, table } from '../dom.js';
import { poll } from '../poll.js';

const STREAM_STATES = ['RUNNING', 'WAITING', 'REBALANCING', 'CREATED', 'STOPPED', 'FAILED'];

export function render(container) {
  const body = h('div', { class: 'overview' });
  replace(container, h('h1', {}, 'Overview'), body);
  return poll(async () => {
    // /health answers 503 with the same body when something is down: that is data here, not an error.
    const health = await api.get('health').catch((e) => (e.status === 503 ? e.problem : Promise.reject(e)));
    const [cluster, streams] = await Promise.all([
      api.get('cluster'),
      api.get('streams').catch(() => null),
    ]);
    replace(body,
      h('div', { class: 'cards' },
        card('Node', badge(health.status), `node ${cluster.nodeId} · layer ${cluster.layer}`, 'node'),
        card('Kafka', badge(cluster.kafka.status), cluster.kafka.clusterId ? `cluster ${cluster.kafka.clusterId}` : '', 'kafka'),
        card('Storm', badge(cluster.storm ? cluster.storm.status : 'NOT_INSTALLED'), stormLine(cluster.storm), 'storm'),
        card('Live nodes', h('span', { class: 'big' }, String(cluster.nodes.length)), cluster.nodes.map((n) => n.nodeId).join(', '), 'nodes')),
      h('h2', {}, 'Streams by state'),
      streams === null
        ? notice('The stream runtime does not answer.', 'error')
        : h('div', { class: 'cards', dataset: { test: 'streams-by-state' } },
          STREAM_STATES.map((state) => card(state.toLowerCase(),
            h('a', { class: 'big', href: '#/streams' }, String(streams.filter((s) => s.state === state).length)), '', `state-${state}`))),
      h('h2', {}, 'Components'),
      table([
        { title: 'Component', render: ([name]) => name },
        { title: 'Status', render: ([, c]) => badge(c.status) },
        { title: 'Detail', render: ([, c]) => details(c) },
      ], Object.entries(health.components || {}), { empty: 'No components reported' }),
      h('h2', {}, 'Live nodes'),
      table([
        { title: 'Node', render: (n) => n.nodeId },
        { title: 'Last seen', render: (n) => new Date(n.lastSeen).toLocaleTimeString() },
      ], cluster.nodes));
  }, 5000);
}

function card(title, value, line, test) {
  return h('div', { class: 'card', dataset: { test } }, h('div', { class: 'card-title' }, title), value, h('div', { class: 'card-line' }, line));
}

function stormLine(storm) {
  if (!storm || storm.status === 'NOT_INSTALLED') {
    return 'connector not installed';
  }
  const supervisors = Array.isArray(storm.supervisors) ? `${storm.supervisors.length} supervisor(s)` : '';
  return [storm.nimbus || storm.leader || '', supervisors].filter(Boolean).join(' · ');
}

/** The members of a component's health other than its status, as "key value" pairs. */
function details(component) {
  return Object.entries(component)
    .filter(([key, value]) => key !== 'status' && (typeof value !== 'object' || value === null))
    .map(([key, value]) => `${key} ${typeof value === 'number' ? formatNumber(value) : value}`)
    .join(' · ');
}
