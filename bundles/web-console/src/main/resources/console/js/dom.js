// Builds elements from data without ever parsing it as HTML: names and messages that come from the API
// are text, never markup.

/**
 * h('a', {href: '#/x', class: 'c', dataset: {test: 'y'}, onclick: fn}, 'text', child, [children])
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      element.className = value;
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(element, child);
    } else if (child instanceof Node) {
      element.appendChild(child);
    } else {
      element.appendChild(document.createTextNode(String(child)));
    }
  }
}

/** A table with a header row and one row per item; cells are built by the columns' render functions. */
export function table(columns, items, options = {}) {
  return h('table', { class: 'grid', dataset: options.dataset },
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', {}, c.title)))),
    h('tbody', {}, items.length === 0
      ? h('tr', {}, h('td', { colspan: columns.length, class: 'empty' }, options.empty || 'None'))
      : items.map((item) => h('tr', { dataset: options.rowData ? options.rowData(item) : undefined },
        columns.map((c) => h('td', { class: c.class }, c.render(item)))))));
}

/** A state as a coloured badge. */
export function badge(state) {
  const text = state === undefined || state === null ? 'UNKNOWN' : String(state);
  return h('span', { class: `badge state-${text.toLowerCase().replace(/[^a-z_]/g, '')}`, dataset: { state: text } }, text);
}

/**
 * A control button, shown only to users holding `role`; null for the others, so that a viewer sees no
 * button that the API would refuse with 403.
 */
export function control(can, role, label, action, onclick, extra = {}) {
  if (!can(role)) {
    return null;
  }
  return h('button', Object.assign({ type: 'button', class: 'control', dataset: { action }, onclick }, extra), label);
}

/**
 * A control that asks again before doing something that cannot be undone: the first click arms it, the
 * second (within 5 s) runs it.
 */
export function dangerousControl(can, role, label, action, onconfirm) {
  const button = control(can, role, label, action, () => {
    if (button.dataset.armed === 'true') {
      onconfirm();
      return;
    }
    button.dataset.armed = 'true';
    button.textContent = `Confirm ${label.toLowerCase()}`;
    setTimeout(() => {
      button.dataset.armed = 'false';
      button.textContent = label;
    }, 5000);
  }, { class: 'control danger' });
  return button;
}

/** Replaces the children of an element. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** A message line for the outcome of an action. */
export function notice(text, kind = 'info') {
  return h('p', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

export function formatNumber(value, digits = 0) {
  if (value === undefined || value === null || Number.isNaN(value)) {
    return '–';
  }
  return Number(value).toLocaleString('en', { maximumFractionDigits: digits });
}

export function formatDuration(seconds) {
  if (seconds === undefined || seconds === null) {
    return '–';
  }
  const s = Math.floor(seconds);
  if (s < 60) {
    return `${s} s`;
  }
  if (s < 3600) {
    return `${Math.floor(s / 60)} min ${s % 60} s`;
  }
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}
