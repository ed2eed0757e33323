// Create or edit a stream definition as JSON text; errors of validation and of saving are shown at the
// line of their JSON pointer.
import * as api from '../api.js';
import { can } from '../session.js';
import { h, notice, replace } from '../dom.js';
import { JsonTextError, lineOfPointer, valueLines } from '../json-lines.js';

const TEMPLATE = {
  name: 'my-stream',
  guarantee: 'at-least-once',
  source: { topics: ['input-topic'], startFrom: 'earliest' },
  pipeline: [{ op: 'filter', where: { field: 'temp', gt: 25 } }],
  sink: { topic: 'output-topic' },
};

export function render(container, name) {
  if (!can('admin')) {
    replace(container, notice('Creating and editing streams takes the admin role.', 'error'));
    return undefined;
  }
  const creating = name === null;
  const gutter = h('div', { class: 'gutter', 'aria-hidden': 'true', dataset: { test: 'gutter' } });
  const text = h('textarea', { class: 'code', spellcheck: 'false', wrap: 'off', 'aria-label': 'Stream definition (JSON)', dataset: { test: 'definition' } });
  const errors = h('ul', { class: 'errors', dataset: { test: 'errors' } });
  const message = h('div', {});
  const title = creating ? 'New stream' : `Edit ${name}`;

  const numberLines = (marked = new Map()) => {
    const count = text.value.split('\n').length;
    const numbers = [];
    for (let line = 1; line <= count; line += 1) {
      const problems = marked.get(line);
      numbers.push(h('div', {
        class: problems ? 'line has-error' : 'line',
        title: problems ? problems.join('\n') : undefined,
        dataset: { line: String(line) },
      }, String(line)));
    }
    replace(gutter, numbers);
    gutter.scrollTop = text.scrollTop;
  };

  const goToLine = (line) => {
    const offset = text.value.split('\n').slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0);
    text.focus();
    text.setSelectionRange(offset, offset + (text.value.split('\n')[line - 1] || '').length);
  };

  /** Shows errors, each {pointer, message} or {line, message}, in the list and in the gutter. */
  const showErrors = (list) => {
    let lines = null;
    try {
      lines = valueLines(text.value);
    } catch (e) {
      lines = new Map();
    }
    const marked = new Map();
    const items = list.map((error) => {
      const line = error.line || lineOfPointer(lines, error.pointer);
      marked.set(line, [...(marked.get(line) || []), error.message]);
      return h('li', { dataset: { line: String(line), pointer: error.pointer || '' } },
        h('button', { type: 'button', class: 'link', onclick: () => goToLine(line) }, `line ${line}`),
        error.pointer ? h('code', {}, error.pointer) : null,
        h('span', {}, error.message));
    });
    replace(errors, items);
    numberLines(marked);
  };

  /** Text that is not JSON is reported here, at its line, without asking the node. */
  const syntaxErrors = () => {
    try {
      valueLines(text.value);
      return [];
    } catch (e) {
      if (e instanceof JsonTextError) {
        return [{ line: e.line, message: e.message.replace(/^line \d+: /, '') }];
      }
      throw e;
    }
  };

  const validate = async () => {
    replace(message);
    const syntax = syntaxErrors();
    if (syntax.length > 0) {
      showErrors(syntax);
      return false;
    }
    try {
      const result = await api.post('streams/validate', text.value);
      showErrors(result.errors || []);
      replace(message, notice(result.valid ? 'The definition is valid.' : 'The definition has errors.', result.valid ? 'ok' : 'error'));
      return result.valid;
    } catch (e) {
      showErrors((e.problem && e.problem.errors) || []);
      replace(message, notice(e.message, 'error'));
      return false;
    }
  };

  const save = async () => {
    replace(message);
    const syntax = syntaxErrors();
    if (syntax.length > 0) {
      showErrors(syntax);
      replace(message, notice('Not saved: the text is not JSON.', 'error'));
      return;
    }
    try {
      if (creating) {
        await api.post('streams', text.value);
      } else {
        await api.put(`streams/${api.seg(name)}`, text.value);
      }
      const saved = JSON.parse(text.value).name || name;
      location.hash = `#/streams/${api.seg(saved)}`;
    } catch (e) {
      showErrors((e.problem && e.problem.errors) || []);
      replace(message, notice(`Not saved: ${e.message}`, 'error'));
    }
  };

  text.addEventListener('input', () => numberLines());
  text.addEventListener('scroll', () => { gutter.scrollTop = text.scrollTop; });
  text.addEventListener('keydown', (event) => {
    // Tab indents instead of leaving the editor.
    if (event.key === 'Tab' && !event.shiftKey) {
      event.preventDefault();
      text.setRangeText('  ', text.selectionStart, text.selectionEnd, 'end');
      numberLines();
    }
  });

  replace(container,
    h('h1', {}, h('a', { href: '#/streams' }, 'Streams'), ' / ', title),
    h('p', { class: 'hint' }, 'The stream definition as JSON (see docs/streams.md). Validate asks the node; errors show at their line.'),
    h('div', { class: 'editor' }, gutter, text),
    h('div', { class: 'controls' },
      h('button', { type: 'button', dataset: { action: 'validate' }, onclick: validate }, 'Validate'),
      h('button', { type: 'button', class: 'control primary', dataset: { action: 'save' }, onclick: save }, creating ? 'Create' : 'Save'),
      h('a', { class: 'button quiet', href: creating ? '#/streams' : `#/streams/${api.seg(name)}` }, 'Cancel')),
    message, errors);

  if (creating) {
    text.value = JSON.stringify(TEMPLATE, null, 2);
    numberLines();
  } else {
    text.value = '';
    api.get(`streams/${api.seg(name)}`).then((document) => {
      text.value = JSON.stringify(document.definition, null, 2);
      numberLines();
    }).catch((e) => replace(message, notice(e.message, 'error')));
  }
  return undefined;
}
