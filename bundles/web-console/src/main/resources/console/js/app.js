// The console's shell: login, navigation and the hash routes of its pages.
import * as api from './api.js';
import * as session from './session.js';
import { notice, replace } from './dom.js';
import * as overview from './pages/overview.js';
import * as streams from './pages/streams.js';
import * as streamDetail from './pages/stream-detail.js';
import * as streamEditor from './pages/stream-editor.js';
import * as topics from './pages/topics.js';
import * as topologies from './pages/topologies.js';
import * as sagas from './pages/sagas.js';

/** Routes, first match wins; each page's render returns a function that stops its polling, or nothing. */
const ROUTES = [
  { pattern: /^\/$/, nav: 'overview', page: overview.render },
  { pattern: /^\/streams$/, nav: 'streams', page: streams.render },
  { pattern: /^\/streams\/new$/, nav: 'streams', page: (c) => streamEditor.render(c, null) },
  { pattern: /^\/streams\/([^/]+)\/edit$/, nav: 'streams', page: (c, m) => streamEditor.render(c, m[1]) },
  { pattern: /^\/streams\/([^/]+)$/, nav: 'streams', page: (c, m) => streamDetail.render(c, m[1]) },
  { pattern: /^\/topics$/, nav: 'topics', page: topics.render },
  { pattern: /^\/topologies$/, nav: 'topologies', page: (c) => topologies.renderList(c) },
  { pattern: /^\/topologies\/([^/]+)$/, nav: 'topologies', page: (c, m) => topologies.renderDetail(c, m[1]) },
  { pattern: /^\/sagas$/, nav: 'sagas', page: (c) => sagas.renderList(c) },
  { pattern: /^\/sagas\/([^/]+)$/, nav: 'sagas', page: (c, m) => sagas.renderDetail(c, m[1]) },
];

const elements = {
  nav: document.getElementById('nav'),
  session: document.getElementById('session'),
  sessionUser: document.getElementById('session-user'),
  login: document.getElementById('login'),
  loginForm: document.getElementById('login-form'),
  loginUser: document.getElementById('login-user'),
  loginPassword: document.getElementById('login-password'),
  loginError: document.getElementById('login-error'),
  page: document.getElementById('page'),
};

let stopCurrentPage = null;

function leavePage() {
  if (stopCurrentPage) {
    stopCurrentPage();
    stopCurrentPage = null;
  }
}

function showLogin(message) {
  leavePage();
  elements.nav.hidden = true;
  elements.session.hidden = true;
  elements.page.hidden = true;
  elements.page.replaceChildren();
  elements.login.hidden = false;
  elements.loginError.textContent = message || '';
  elements.loginPassword.value = '';
  elements.loginUser.focus();
}

function route() {
  const current = session.current();
  if (current === null) {
    showLogin();
    return;
  }
  leavePage();
  elements.login.hidden = true;
  elements.nav.hidden = false;
  elements.session.hidden = false;
  elements.sessionUser.textContent = `${current.user} (${current.roles[current.roles.length - 1]})`;
  elements.page.hidden = false;
  const path = decodeURIComponent(location.hash.replace(/^#/, '') || '/');
  const found = ROUTES.map((r) => ({ r, match: r.pattern.exec(path) })).find((x) => x.match);
  document.querySelectorAll('#nav a').forEach((a) => a.classList.toggle('active', found && a.dataset.nav === found.r.nav));
  if (!found) {
    replace(elements.page, notice(`No page at ${path}`, 'error'));
    elements.page.dataset.route = location.hash;
    return;
  }
  const container = replace(elements.page);
  container.dataset.page = found.r.nav;
  // Which route the page shows, for readers of the page's structure such as the browser test.
  container.dataset.route = location.hash || '#/';
  try {
    const stop = found.r.page(container, found.match);
    stopCurrentPage = typeof stop === 'function' ? stop : null;
  } catch (e) {
    replace(container, notice(e.message, 'error'));
  }
}

async function logIn(event) {
  event.preventDefault();
  const user = elements.loginUser.value.trim();
  const authorization = session.basicAuthorization(user, elements.loginPassword.value);
  elements.loginError.textContent = '';
  try {
    const me = await api.get('me', { authorization });
    session.save({ user: me.user, roles: me.roles, authorization });
    elements.loginPassword.value = '';
    route();
  } catch (e) {
    const messages = {
      401: 'Wrong user name or password.',
      403: 'This user holds none of the API roles (viewer, manager, admin).',
      429: 'Too many failed logins: wait a moment and try again.',
    };
    elements.loginError.textContent = messages[e.status] || `The node did not answer the login: ${e.message}`;
  }
}

function logOut() {
  session.clear();
  location.hash = '#/';
  showLogin('Logged out.');
}

api.onUnauthorized(() => {
  session.clear();
  showLogin('Your session is no longer accepted by the node: log in again.');
});
elements.loginForm.addEventListener('submit', logIn);
document.getElementById('logout').addEventListener('click', logOut);
window.addEventListener('hashchange', route);
route();
