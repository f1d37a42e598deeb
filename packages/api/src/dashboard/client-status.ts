/**
 * Browser-side rendering of "will orders reach the kitchen": the overall mode in its colour, each
 * printer and the internet with how long they have been so, and the print queue's counts.
 */
export const clientStatus = `
const modes = ['online', 'degraded', 'offline', 'full-offline', 'unknown'];
const knownPrinters = new Set();

function health(status) {
  if (status === 'online') return 'good';
  if (status === 'paper-near-end' || status === 'degraded') return 'warn';
  if (status === 'unknown' || !status) return '';
  return 'bad';
}

function statusRow(testId, label, state) {
  const details = [el('span', { text: word('dashboard.status', state.status || 'unknown').replace(/-/g, ' ') })];
  if (state.since) details.push(el('span', { className: 'muted' }, [since(state.since, 'dashboard.for')]));
  return el('li', { 'data-testid': testId, 'data-status': state.status || 'unknown' }, [
    el('span', { className: 'dot ' + health(state.status) }),
    el('div', { className: 'grow' }, [
      el('div', {}, [el('b', { text: label }), el('span', { text: ' ' }), ...details]),
      state.detail ? el('div', { className: 'muted', text: state.detail }) : null,
    ]),
  ]);
}

// The server words a warning as \`printer:<name> paper-near-end\` or \`printer:<name> breaker <state>\`.
function warningText(warning) {
  const found = /^printer:(\\S+) (?:breaker (\\S+)|(\\S+))$/.exec(warning);
  if (!found) return warning;
  const what = found[2] ? word('dashboard.breaker', found[2]) : word('dashboard.status', found[3]);
  return say('dashboard.printer', { name: found[1] }) + ': ' + what;
}

function renderConnectivity(view) {
  const mode = modes.includes(view.mode) ? view.mode : 'unknown';
  const box = $('mode');
  box.setAttribute('data-mode', mode);
  box.replaceChildren(el('span', { text: say('dashboard.mode.' + mode) }), el('small', { text: say('dashboard.mode.' + mode + '.hint') }));
  const rows = (view.printers || []).map((printer) => {
    knownPrinters.add(printer.printer);
    const notes = [];
    if (printer.reason && printer.status !== 'online') notes.push(printer.reason);
    if (printer.breaker && printer.breaker !== 'closed') notes.push(word('dashboard.breaker', printer.breaker));
    return statusRow('printer-' + printer.printer, say('dashboard.printer', { name: printer.printer }), {
      status: printer.status,
      since: printer.since,
      detail: notes.join(' · '),
    });
  });
  const internet = view.internet || { status: 'unknown', failedTargets: [] };
  const failed = internet.failedTargets || [];
  rows.push(statusRow('internet', say('dashboard.internet'), {
    status: internet.status,
    since: internet.since,
    detail: failed.length ? say('dashboard.unreachable', { targets: failed.join(', ') }) : '',
  }));
  $('status-list').replaceChildren(...rows);
  if (view.wix) renderWixHealth(view.wix);
  if (Array.isArray(view.warnings)) {
    $('warnings').replaceChildren(...view.warnings.map((warning) => el('li', { text: warningText(warning) })));
  }
}

function renderQueue(queue) {
  const byState = queue.byState || {};
  const counts = { 'queue-waiting': 'queued', 'queue-printing': 'printing', 'queue-retrying': 'retry-wait', 'queue-gave-up': 'gave-up' };
  for (const [testId, state] of Object.entries(counts)) {
    const node = document.querySelector('[data-testid="' + testId + '"]');
    const count = byState[state] || 0;
    node.querySelector('b').textContent = String(count);
    node.classList.toggle('alert', state === 'gave-up' && count > 0);
  }
  const facts = [];
  if (queue.oldestWaitingMs !== null && queue.oldestWaitingMs !== undefined) {
    const queuedAt = new Date(Date.now() - queue.oldestWaitingMs).toISOString();
    facts.push(el('div', { text: say('dashboard.oldestWaiting') }, [since(queuedAt, 'dashboard.waitingFor')]));
  } else {
    facts.push(el('div', { className: 'muted', text: say('dashboard.allOnPaper') }));
  }
  if (queue.nextAttemptAt) facts.push(el('div', { className: 'muted', text: say('dashboard.nextTry', { time: clockTime(queue.nextAttemptAt) }) }));
  $('queue-facts').replaceChildren(...facts);
  const printers = Object.entries(queue.byPrinter || {});
  // The catalogs put soft hyphens in, so a header breaks on a narrow phone instead of pushing the last column off the card.
  const columns = ['printer', 'waiting', 'printing', 'retrying', 'gaveUp', 'printed'].map((column) => say('dashboard.column.' + column));
  const head = el('tr', {}, columns.map((text) => el('th', { text })));
  const rows = printers.map(([printer, states]) =>
    el('tr', { 'data-printer': printer }, [
      el('td', { text: printer }),
      ...['queued', 'printing', 'retry-wait', 'gave-up', 'printed'].map((state) => el('td', { text: states[state] || 0 })),
    ]),
  );
  $('queue-printers').replaceChildren(...(rows.length ? [head, ...rows] : []));
}
`;
