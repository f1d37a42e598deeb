/**
 * Browser-side rendering of "will orders reach the kitchen": the overall mode in its colour, each
 * printer and the internet with how long they have been so, and the print queue's counts.
 */
export const clientStatus = `
const modeWords = {
  online: ['Online', 'Orders arrive and print.'],
  degraded: ['Degraded', 'The internet is slow; orders still print.'],
  offline: ['Offline', 'Something is down: tickets wait in the queue and print when it is back.'],
  'full-offline': ['Full offline', 'Printer and internet are down: take orders by phone, tickets wait.'],
  unknown: ['Unknown', 'Checking printers and internet...'],
};
const knownPrinters = new Set();

function health(status) {
  if (status === 'online') return 'good';
  if (status === 'paper-near-end' || status === 'degraded') return 'warn';
  if (status === 'unknown' || !status) return '';
  return 'bad';
}

function statusRow(testId, label, state) {
  const details = [el('span', { text: (state.status || 'unknown').replace(/-/g, ' ') })];
  if (state.since) details.push(el('span', { className: 'muted' }, [since(state.since, ' · for ')]));
  return el('li', { 'data-testid': testId, 'data-status': state.status || 'unknown' }, [
    el('span', { className: 'dot ' + health(state.status) }),
    el('div', { className: 'grow' }, [
      el('div', {}, [el('b', { text: label }), el('span', { text: ' ' }), ...details]),
      state.detail ? el('div', { className: 'muted', text: state.detail }) : null,
    ]),
  ]);
}

function renderConnectivity(view) {
  const mode = modeWords[view.mode] ? view.mode : 'unknown';
  const box = $('mode');
  box.setAttribute('data-mode', mode);
  box.replaceChildren(el('span', { text: modeWords[mode][0] }), el('small', { text: modeWords[mode][1] }));
  const rows = (view.printers || []).map((printer) => {
    knownPrinters.add(printer.printer);
    const notes = [];
    if (printer.reason && printer.status !== 'online') notes.push(printer.reason);
    if (printer.breaker && printer.breaker !== 'closed') notes.push('breaker ' + printer.breaker);
    return statusRow('printer-' + printer.printer, 'Printer ' + printer.printer, {
      status: printer.status,
      since: printer.since,
      detail: notes.join(' · '),
    });
  });
  const internet = view.internet || { status: 'unknown', failedTargets: [] };
  const failed = internet.failedTargets || [];
  rows.push(statusRow('internet', 'Internet', {
    status: internet.status,
    since: internet.since,
    detail: failed.length ? 'unreachable: ' + failed.join(', ') : '',
  }));
  $('status-list').replaceChildren(...rows);
  if (view.wix) renderWixHealth(view.wix);
  if (Array.isArray(view.warnings)) {
    $('warnings').replaceChildren(...view.warnings.map((warning) => el('li', { text: warning })));
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
    facts.push(el('div', { text: 'Oldest ticket not yet on paper: ' }, [since(queuedAt, 'waiting ')]));
  } else {
    facts.push(el('div', { className: 'muted', text: 'Every ticket is on paper.' }));
  }
  if (queue.nextAttemptAt) facts.push(el('div', { className: 'muted', text: 'Next try at ' + clockTime(queue.nextAttemptAt) }));
  $('queue-facts').replaceChildren(...facts);
  const printers = Object.entries(queue.byPrinter || {});
  // Soft hyphens let a header break on a narrow phone instead of pushing the last column off the card.
  const columns = ['Printer', 'Wait\\u00ADing', 'Print\\u00ADing', 'Re\\u00ADtry\\u00ADing', 'Gave up', 'Print\\u00ADed'];
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
