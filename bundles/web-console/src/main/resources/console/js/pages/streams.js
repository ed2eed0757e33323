// The streams: name, state, engine and guarantee; a new stream for admins.
import * as api from '../api.js';
import { can } from '../session.js';
import { badge, control, h, notice, replace, table } from '../dom.js';
import { poll } from '../poll.js';

export function render(container) {
  const list = h('div', {});
  replace(container,
    h('div', { class: 'title-row' }, h('h1', {}, 'Streams'),
      control(can, 'admin', 'New stream', 'new-stream', () => { location.hash = '#/streams/new'; })),
    list);
  return poll(async () => {
    try {
      const streams = await api.get('streams');
      replace(list, table([
        { title: 'Name', render: (s) => h('a', { href: `#/streams/${api.seg(s.name)}` }, s.name) },
        { title: 'State', render: (s) => badge(s.state) },
        { title: 'Engine', render: (s) => s.engine },
        { title: 'Guarantee', render: (s) => s.guarantee },
      ], streams, { empty: 'No streams yet', dataset: { test: 'streams' }, rowData: (s) => ({ stream: s.name }) }));
    } catch (e) {
      replace(list, notice(e.message, 'error'));
    }
  }, 5000);
}
