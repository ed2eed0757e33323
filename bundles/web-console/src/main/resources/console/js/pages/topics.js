// Kafka topics: list for viewers; create and delete for admins.
import * as api from '../api.js';
import { can } from '../session.js';
import { control, dangerousControl, h, notice, replace, table } from '../dom.js';

/**
 * Topics that Kafka or the platform owns: the API refuses to delete them (403 TOPIC_PROTECTED, rule in
 * docs/rest-api.md), so no Delete is offered. Kafka treats '.' and '_' alike, and so does the rule.
 */
const PROTECTED_PREFIXES = ['__', 'hyperiot-streaming-', 'hyperiot_layer_', 'hyperiot-stream-', 'hyperiot-saga-'];

function isProtected(name) {
  const folded = name.replace(/\./g, '_');
  return PROTECTED_PREFIXES.some((prefix) => folded.startsWith(prefix));
}

export function render(container) {
  const list = h('div', {});
  const message = h('div', {});
  const load = async () => {
    try {
      const topics = await api.get('kafka/topics');
      topics.sort((a, b) => a.name.localeCompare(b.name));
      replace(list, table([
        { title: 'Name', render: (t) => t.name },
        { title: 'Partitions', render: (t) => t.partitions, class: 'num' },
        { title: 'Replication', render: (t) => t.replicationFactor, class: 'num' },
        { title: 'Configuration', render: (t) => Object.entries(t.configs || {}).map(([k, v]) => `${k}=${v}`).join(', ') },
        { title: '', render: (t) => (isProtected(t.name) ? h('span', { class: 'hint' }, 'platform')
          : dangerousControl(can, 'admin', 'Delete', 'delete-topic', () => remove(t.name))) },
      ], topics, { empty: 'No topics', dataset: { test: 'topics' }, rowData: (t) => ({ topic: t.name }) }));
    } catch (e) {
      replace(list, notice(e.message, 'error'));
    }
  };
  const remove = async (name) => {
    try {
      await api.del(`kafka/topics/${api.seg(name)}`);
      replace(message, notice(`Topic ${name} deleted.`, 'ok'));
    } catch (e) {
      replace(message, notice(e.message, 'error'));
    }
    load();
  };
  replace(container, h('h1', {}, 'Topics'), can('admin') ? createForm(message, load) : null, message, list);
  load();
  return undefined;
}

function createForm(message, reload) {
  const name = h('input', { name: 'name', required: true, pattern: '[A-Za-z0-9._\\-]{1,249}', placeholder: 'telemetry', dataset: { test: 'topic-name' } });
  const partitions = h('input', { name: 'partitions', type: 'number', min: '1', value: '1', dataset: { test: 'topic-partitions' } });
  const replication = h('input', { name: 'replicationFactor', type: 'number', min: '1', value: '1' });
  return h('form', {
    class: 'inline-form',
    onsubmit: async (event) => {
      event.preventDefault();
      try {
        await api.post('kafka/topics', {
          name: name.value.trim(),
          partitions: Number(partitions.value),
          replicationFactor: Number(replication.value),
        });
        replace(message, notice(`Topic ${name.value.trim()} created.`, 'ok'));
        name.value = '';
      } catch (e) {
        replace(message, notice(e.message, 'error'));
      }
      reload();
    },
  },
  h('label', {}, 'Name ', name),
  h('label', {}, 'Partitions ', partitions),
  h('label', {}, 'Replication ', replication),
  control(() => true, 'admin', 'Create topic', 'create-topic', null, { type: 'submit' }));
}
