// Sagas: by state and definition, those that failed to compensate first; one saga with its steps, its
// history as a timeline, and the operator's verbs.
import * as api from '../api.js';
import { can } from '../session.js';
import { badge, control, h, notice, replace, table } from '../dom.js';
import { poll } from '../poll.js';

const STATES = ['RUNNING', 'COMPENSATING', 'COMPLETED', 'COMPENSATED', 'FAILED_TO_COMPENSATE'];
const PAGE = 50;

const filters = { state: '', definition: '' };

function query(state, definition, pageToken) {
  const parameters = new URLSearchParams({ limit: String(PAGE) });
  if (state) {
    parameters.set('state', state);
  }
  if (definition) {
    parameters.set('definition', definition);
  }
  if (pageToken) {
    parameters.set('pageToken', pageToken);
  }
  return `sagas?${parameters}`;
}

function sagaTable(sagas, test) {
  return table([
    { title: 'Saga', render: (s) => h('a', { href: `#/sagas/${api.seg(s.id)}` }, s.id) },
    { title: 'Definition', render: (s) => s.definition },
    { title: 'State', render: (s) => badge(s.state) },
    { title: 'Created', render: (s) => time(s.createdAt) },
    { title: 'Updated', render: (s) => time(s.updatedAt) },
    { title: 'Error', render: (s) => s.error || '' },
  ], sagas, { empty: 'No sagas', dataset: { test }, rowData: (s) => ({ saga: s.id, state: s.state }) });
}

function time(value) {
  return value ? new Date(value).toLocaleString() : '';
}

export function renderList(container) {
  const stateSelect = h('select', { 'aria-label': 'state', dataset: { test: 'saga-state-filter' } },
    h('option', { value: '' }, 'any state'), STATES.map((s) => h('option', { value: s, selected: filters.state === s }, s)));
  const definitionSelect = h('select', { 'aria-label': 'definition' }, h('option', { value: '' }, 'any definition'));
  const failed = h('div', {});
  const list = h('div', {});
  let more = null;
  let shown = [];

  const load = async (pageToken) => {
    try {
      const stuck = filters.state === '' || filters.state === 'FAILED_TO_COMPENSATE'
        ? await api.get(query('FAILED_TO_COMPENSATE', filters.definition)) : { sagas: [] };
      replace(failed, stuck.sagas.length === 0 ? null : h('section', { class: 'attention' },
        h('h2', {}, 'Failed to compensate: an operator must retry or skip'),
        sagaTable(stuck.sagas, 'sagas-failed-to-compensate')));
      if (filters.state === 'FAILED_TO_COMPENSATE') {
        replace(list);
        return;
      }
      const page = await api.get(query(filters.state, filters.definition, pageToken));
      // Listed above already.
      const rest = page.sagas.filter((s) => s.state !== 'FAILED_TO_COMPENSATE');
      shown = pageToken ? shown.concat(rest) : rest;
      more = page.nextPageToken || null;
      replace(list, sagaTable(shown, 'sagas'),
        more ? h('button', { type: 'button', onclick: () => load(more) }, 'More') : null);
    } catch (e) {
      replace(list, notice(e.message, 'error'));
    }
  };

  stateSelect.addEventListener('change', () => { filters.state = stateSelect.value; load(); });
  definitionSelect.addEventListener('change', () => { filters.definition = definitionSelect.value; load(); });
  api.get('saga-definitions').then((definitions) => {
    definitions.forEach((d) => definitionSelect.appendChild(h('option', { value: d.name, selected: filters.definition === d.name }, d.name)));
  }).catch(() => {});

  replace(container, h('h1', {}, 'Sagas'),
    h('div', { class: 'inline-form' }, h('label', {}, 'State ', stateSelect), h('label', {}, 'Definition ', definitionSelect),
      h('button', { type: 'button', onclick: () => load() }, 'Refresh')),
    failed, list);
  return poll(() => (shown.length > PAGE ? Promise.resolve() : load()), 5000);
}

export function renderDetail(container, id) {
  const encoded = api.seg(id);
  const head = h('span', {});
  const controls = h('div', { class: 'controls' });
  const message = h('div', {});
  const body = h('div', {});
  const act = (verb) => async () => {
    try {
      await api.post(`sagas/${encoded}/${verb}`);
      replace(message, notice(`${verb} requested`, 'info'));
    } catch (e) {
      replace(message, notice(e.message, 'error'));
    }
  };
  replace(container,
    h('div', { class: 'title-row' }, h('h1', {}, h('a', { href: '#/sagas' }, 'Sagas'), ' / ', id), head),
    controls, message, body);
  return poll(async () => {
    try {
      const saga = await api.get(`sagas/${encoded}`);
      replace(head, badge(saga.state));
      // Only the verbs the saga's state allows, for the roles that may use them.
      replace(controls,
        saga.state === 'RUNNING' ? control(can, 'manager', 'Cancel', 'cancel', act('cancel')) : null,
        saga.state === 'FAILED_TO_COMPENSATE' ? control(can, 'manager', 'Retry', 'retry', act('retry')) : null,
        saga.state === 'FAILED_TO_COMPENSATE' ? control(can, 'manager', 'Skip', 'skip', act('skip')) : null);
      replace(body,
        h('p', {}, `Definition ${saga.definition} · created ${time(saga.createdAt)} · updated ${time(saga.updatedAt)}`,
          saga.deadline ? ` · deadline ${time(saga.deadline)}` : ''),
        saga.error ? notice(saga.error, 'error') : null,
        h('h2', {}, 'Steps'),
        table([
          { title: 'Step', render: (s) => s.name },
          { title: 'Participant', render: (s) => s.participant || '' },
          { title: 'State', render: (s) => badge(s.state) },
          { title: 'Attempts', render: (s) => s.attempts, class: 'num' },
          { title: 'Compensation attempts', render: (s) => s.compensationAttempts, class: 'num' },
          { title: 'Last error', render: (s) => s.lastError || '' },
        ], saga.steps || [], { dataset: { test: 'saga-steps' } }),
        h('h2', {}, 'Timeline'),
        timeline(saga.history || []));
    } catch (e) {
      replace(body, notice(e.status === 404 ? `No saga ${id}` : e.message, 'error'));
    }
  }, 3000);
}

/** The saga's history, oldest first, each event coloured by what it means for the saga. */
function timeline(history) {
  const tone = (kind) => {
    if (/FAILED|TIMED_OUT|ABANDONED|DEADLINE/.test(kind)) {
      return 'bad';
    }
    if (/COMPENSAT|CANCEL|SKIPPED/.test(kind)) {
      return 'undo';
    }
    if (/COMPLETED/.test(kind)) {
      return 'good';
    }
    return 'plain';
  };
  return h('ol', { class: 'timeline', dataset: { test: 'saga-timeline' } }, history.map((event) => h('li', { class: `event ${tone(event.kind)}`, dataset: { kind: event.kind } },
    h('time', {}, event.at ? new Date(event.at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3 }) : ''),
    h('span', { class: 'kind' }, event.kind),
    event.step ? h('span', { class: 'step' }, event.step) : null,
    event.attempt ? h('span', { class: 'attempt' }, `attempt ${event.attempt}`) : null,
    event.detail ? h('span', { class: 'detail' }, event.detail) : null)));
}
