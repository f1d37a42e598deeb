/**
 * Browser-side helpers every panel uses: building elements without `innerHTML` (so order text can
 * never become markup), the token kept for the session, the JSON API with one token prompt on 401,
 * and the short time words a manager reads at a glance.
 */
export const clientCore = `
const tokenKey = 'bonrelay.apiToken';
const $ = (id) => document.getElementById(id);

function storedToken() {
  try { return sessionStorage.getItem(tokenKey) || ''; } catch (error) { return ''; }
}

function withToken(path) {
  const token = storedToken();
  if (!token) return path;
  return path + (path.indexOf('?') < 0 ? '?' : '&') + 'token=' + encodeURIComponent(token);
}

function el(tag, props, children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') node.textContent = String(value);
    else if (key === 'className') node.className = value;
    else node.setAttribute(key, String(value));
  }
  for (const child of children || []) if (child) node.append(child);
  return node;
}

function svg(tag, attributes, text) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

function duration(ms) {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return say('dashboard.duration.seconds', { seconds });
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return say('dashboard.duration.minutes', { minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return say('dashboard.duration.hours', { hours, minutes: minutes % 60 });
  return say('dashboard.duration.days', { days: Math.floor(hours / 24), hours: hours % 24 });
}

function clockTime(iso) {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return '';
  return time.toLocaleTimeString(pageLocale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

function shortDay(time) {
  return time.toLocaleDateString(pageLocale, { weekday: 'short', day: 'numeric' });
}

function dayAndTime(iso) {
  return shortDay(new Date(iso)) + ' ' + clockTime(iso);
}

/** An element whose text says how long ago a moment was; refreshed locally, never by asking the server. */
function since(iso, key) {
  return el('span', { className: 'since', 'data-since': iso, 'data-say': key, text: sinceText(iso, key) });
}

function sinceText(iso, key) {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  return say(key, { duration: duration(Date.now() - at) });
}

function refreshAges() {
  for (const node of document.querySelectorAll('[data-since]')) {
    node.textContent = sinceText(node.getAttribute('data-since') || '', node.getAttribute('data-say') || '');
  }
}

let noticeTimer;
function notice(message) {
  const box = $('notice');
  box.textContent = message;
  box.hidden = false;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => { box.hidden = true; }, 5000);
}

let tokenWaiters = null;
function askToken() {
  if (!tokenWaiters) {
    tokenWaiters = [];
    $('token-dialog').showModal();
    $('token-input').focus();
  }
  return new Promise((resolve, reject) => tokenWaiters.push({ resolve, reject }));
}

/** Bound once to the token form: every call that met a 401 goes on (or gives up) together. */
function tokenAnswered(event) {
  event.preventDefault();
  const dialog = $('token-dialog');
  if (dialog.open) dialog.close();
  const token = $('token-input').value.trim();
  $('token-input').value = '';
  const waiters = tokenWaiters || [];
  tokenWaiters = null;
  if (token) {
    try { sessionStorage.setItem(tokenKey, token); } catch (error) { /* private mode: not kept */ }
    document.dispatchEvent(new Event('bonrelay:token'));
  }
  for (const waiter of waiters) {
    if (token) waiter.resolve(token);
    else waiter.reject(new Error(say('dashboard.tokenNeeded')));
  }
}

/** The JSON API: asks for the token once on 401, then repeats the call with it. */
async function api(method, path, body) {
  const headers = { accept: 'application/json' };
  const token = storedToken();
  if (token) headers.authorization = 'Bearer ' + token;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 401) {
    try { sessionStorage.removeItem(tokenKey); } catch (error) { /* nothing stored */ }
    await askToken();
    return api(method, path, body);
  }
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.message || data.error || 'HTTP ' + response.status);
  return data;
}

/** Runs a manager's command from a button, with the button busy meanwhile and the outcome said aloud. */
function command(button, method, path, body, done) {
  button.disabled = true;
  api(method, path, body)
    .then((data) => notice(done(data)))
    .catch((error) => notice(say('dashboard.failed', { error: error.message })))
    .finally(() => { button.disabled = false; });
}
`;
