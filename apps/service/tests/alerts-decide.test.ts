import {
  type AnyDomainEvent,
  backoffCeiling,
  type EventDataByType,
  type EventType,
  evolvePrintJob,
  initialConnectivity,
  jobIdOf,
  type PrinterBacklog,
  type PrintJobView,
  reduceConnectivity,
} from '@bonrelay/domain';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  type AlertRules,
  type AlertsSnapshot,
  type AlertsState,
  alertPayload,
  decideAlerts,
  initialAlerts,
} from '../src/alerts/index.ts';

const rules: AlertRules = {
  printerOfflineAfterMs: 120_000,
  queueAgeThresholdMs: 300_000,
  paperNearEnd: true,
  locale: 'en-GB',
};
const t0 = Date.parse('2026-11-27T19:00:00Z');
const iso = (seconds: number) => new Date(t0 + seconds * 1000).toISOString();
const minute = (minutes: number) => new Date(t0 + minutes * 60_000);

type Fact = { [T in EventType]: [T, EventDataByType[T], number] }[EventType];
/** Folds `[type, data, seconds after 19:00]` facts into the two views the rules read. */
function given(...facts: Fact[]): AlertsSnapshot {
  let connectivity = initialConnectivity;
  const jobs = new Map<string, PrintJobView>();
  facts.forEach(([type, data, seconds], index) => {
    const event = { type, data, position: index + 1, recordedAt: iso(seconds) } as AnyDomainEvent;
    connectivity = reduceConnectivity(connectivity, event);
    const jobId = jobIdOf(event);
    const job = jobId === undefined ? undefined : evolvePrintJob(jobs.get(jobId), event);
    if (job) jobs.set(job.jobId, job);
  });
  return { connectivity, backlog: backlogOf([...jobs.values()]) };
}

/** What the jobs table's backlog query answers, worked out from the jobs themselves. */
function backlogOf(jobs: readonly PrintJobView[]): PrinterBacklog[] {
  const printers = new Map<string, PrinterBacklog>();
  for (const job of [...jobs].sort((a, b) => a.sequence - b.sequence)) {
    const seen = printers.get(job.printer) ?? { printer: job.printer, waiting: 0, due: 0 };
    const waiting = job.state === 'queued' || job.state === 'printing' || job.state === 'retry-wait';
    const due = job.state === 'queued' || job.state === 'retry-wait';
    printers.set(job.printer, {
      ...seen,
      waiting: seen.waiting + (waiting ? 1 : 0),
      due: seen.due + (due ? 1 : 0),
      ...(waiting && seen.oldestQueuedAt === undefined ? { oldestQueuedAt: job.queuedAt } : {}),
    });
  }
  return [...printers.values()];
}
const printer = (name: string, to: EventDataByType['PrinterStatusChanged']['to'], seconds: number): Fact => [
  'PrinterStatusChanged',
  { printer: name, from: 'online', to, reason: to === 'offline' ? 'connection refused' : 'status byte' },
  seconds,
];
const job = (jobId: string, name: string, seconds: number): Fact => [
  'PrintJobQueued',
  { jobId, orderId: `order-${jobId}`, ticket: 'kitchen', printer: name, priority: 'normal', reprint: false },
  seconds,
];

test('given a kitchen printer offline for one minute, when checked, then nobody is bothered yet', () => {
  const decision = decideAlerts(initialAlerts, given(printer('kitchen', 'offline', 0)), minute(1), rules);
  assert.equal(decision.raise, []);
  assert.equal(decision.clear, []);
  assert.is(decision.state, initialAlerts);
});

test('given a kitchen printer offline past the threshold, when checked, then one alert is raised and kept open', () => {
  const snapshot = given(printer('kitchen', 'offline', 0));
  const first = decideAlerts(initialAlerts, snapshot, minute(2), rules);

  assert.equal(first.raise, [
    {
      alertId: `printer-offline:kitchen:${iso(120)}`,
      kind: 'printer-offline',
      subject: 'kitchen',
      message: `Printer "kitchen" cannot print (offline: connection refused) since ${iso(0)}`,
      raisedAt: iso(120),
    },
  ]);
  const again = decideAlerts(first.state, snapshot, minute(10), rules);
  assert.equal(again.raise, [], 'no second alert while the first is open');
  assert.is(again.state, first.state);
});

test('given an open offline alert, when the printer prints again, then the alert clears', () => {
  const down = decideAlerts(initialAlerts, given(printer('kitchen', 'offline', 0)), minute(3), rules);
  const back = given(printer('kitchen', 'offline', 0), printer('kitchen', 'online', 200));

  const decision = decideAlerts(down.state, back, minute(4), rules);

  assert.equal(
    decision.clear.map((alert) => alert.alertId),
    [`printer-offline:kitchen:${iso(180)}`],
  );
  assert.equal(decision.state.open, {});
});

test('given an open offline alert, when the printer turns cover-open then unknown, then it stays open', () => {
  const down = decideAlerts(initialAlerts, given(printer('kitchen', 'offline', 0)), minute(3), rules);
  const cover = given(printer('kitchen', 'offline', 0), printer('kitchen', 'cover-open', 190));
  const unknown = given(printer('kitchen', 'offline', 0), printer('kitchen', 'unknown', 190));

  assert.equal(decideAlerts(down.state, cover, minute(4), rules).clear, []);
  assert.equal(decideAlerts(down.state, unknown, minute(4), rules).clear, []);
});

test('given a printer never probed, when checked much later, then unknown raises nothing', () => {
  const decision = decideAlerts(initialAlerts, given(printer('bar', 'unknown', 0)), minute(60), rules);
  assert.equal(decision.raise, []);
});

test('given paper near its end, when checked, then staff hear at once, and again only after a new roll', () => {
  const low = decideAlerts(initialAlerts, given(printer('bar', 'paper-near-end', 0)), minute(0), rules);
  assert.equal(
    low.raise.map(({ kind, subject, message }) => ({ kind, subject, message })),
    [
      {
        kind: 'paper-near-end',
        subject: 'bar',
        message: 'Printer "bar" is running out of paper: change the roll',
      },
    ],
  );

  const empty = given(printer('bar', 'paper-near-end', 0), printer('bar', 'paper-end', 60));
  const out = decideAlerts(low.state, empty, minute(4), rules);
  assert.equal(out.clear, [], 'out of paper still needs the new roll');
  assert.equal(
    out.raise.map((alert) => alert.kind),
    ['printer-offline'],
  );

  const fresh = given(
    printer('bar', 'paper-near-end', 0),
    printer('bar', 'paper-end', 60),
    printer('bar', 'online', 300),
  );
  const replaced = decideAlerts(out.state, fresh, minute(6), rules);
  assert.equal(replaced.clear.map((alert) => alert.kind).sort(), ['paper-near-end', 'printer-offline']);
  assert.equal(replaced.state.open, {});
});

test('given paper alerts switched off, when paper runs low, then nothing is raised and an open one clears', () => {
  const quiet = { ...rules, paperNearEnd: false };
  const low = given(printer('bar', 'paper-near-end', 0));
  const open = decideAlerts(initialAlerts, low, minute(0), rules).state;

  assert.equal(decideAlerts(initialAlerts, low, minute(0), quiet).raise, []);
  assert.equal(
    decideAlerts(open, low, minute(1), quiet).clear.map((alert) => alert.kind),
    ['paper-near-end'],
  );
});

test('given tickets waiting past the threshold, when checked, then the queue alert names the printer', () => {
  const waiting = given(job('a', 'kitchen', 0), job('b', 'kitchen', 200), job('c', 'bar', 280));

  assert.equal(decideAlerts(initialAlerts, waiting, minute(4), rules).raise, []);
  const stale = decideAlerts(initialAlerts, waiting, minute(6), rules);
  assert.equal(
    stale.raise.map(({ kind, subject, message }) => ({ kind, subject, message })),
    [
      {
        kind: 'queue-stale',
        subject: 'kitchen',
        message: '2 tickets waiting for printer "kitchen", the oldest for 6 min',
      },
    ],
  );
});

test('given a German restaurant, when alerts are raised, then they are worded in German with local times', () => {
  const german = { ...rules, locale: 'de-DE', timeZone: 'Europe/Berlin' };
  const down = given(printer('kitchen', 'offline', 0), printer('bar', 'paper-near-end', 0));
  const waiting = given(job('a', 'kitchen', 0), job('b', 'kitchen', 200));
  const messages = [
    ...decideAlerts(initialAlerts, down, minute(3), german).raise,
    ...decideAlerts(initialAlerts, waiting, minute(6), german).raise,
  ].map((alert) => alert.message);
  assert.equal(messages, [
    'Drucker „kitchen“ kann nicht drucken (offline: connection refused) seit 20:00',
    'Drucker „bar“ hat bald kein Papier mehr: Rolle wechseln',
    '2 Bons warten auf Drucker „kitchen“, der älteste seit 6 min',
  ]);
});

test('given an outage that began yesterday, when the alert is raised, then it names the day too', () => {
  const german = { ...rules, locale: 'de-DE', timeZone: 'Europe/Berlin' };
  const down = given(printer('kitchen', 'offline', 0));
  const [alert] = decideAlerts(initialAlerts, down, minute(24 * 60), german).raise;
  assert.match(alert?.message ?? '', /seit 27\.11\., 20:00$/);
});

test('given an alert that is over, when its notice is sent, then it says so in the alerts language', () => {
  const alert = {
    alertId: 'paper-near-end:bar:x',
    kind: 'paper-near-end' as const,
    subject: 'bar',
    message: 'Drucker „bar“ hat bald kein Papier mehr: Rolle wechseln',
    raisedAt: iso(0),
  };
  const notice = { notice: 'cleared' as const, alert, at: iso(60), attempts: 0 };
  assert.is(
    alertPayload(notice, 'de-DE').text,
    '[bonrelay] Behoben: Drucker „bar“ hat bald kein Papier mehr: Rolle wechseln',
  );
  assert.match(alertPayload(notice, 'en-GB').message, /^Resolved: /);
});

test('given a stale-queue alert, when the old tickets print, then it clears even though newer ones wait', () => {
  const waiting = given(job('a', 'kitchen', 0), job('b', 'kitchen', 200));
  const stale = decideAlerts(initialAlerts, waiting, minute(6), rules).state;
  const printed = given(job('a', 'kitchen', 0), job('b', 'kitchen', 200), [
    'PrintJobPrinted',
    { jobId: 'a', printer: 'kitchen', attempt: 1, confirmation: 'confirmed' },
    370,
  ]);

  const decision = decideAlerts(stale, printed, minute(7), rules);

  assert.equal(
    decision.clear.map((alert) => alert.subject),
    ['kitchen'],
  );
  assert.equal(decision.raise, []);
});

test('given an alert state, when nothing changed, then the same state comes back (no work for the driver)', () => {
  const state: AlertsState = decideAlerts(initialAlerts, given(job('a', 'bar', 0)), minute(6), rules).state;
  const decision = decideAlerts(state, given(job('a', 'bar', 0)), minute(8), rules);
  assert.is(decision.state, state);
});

test('given orders Wix sent that could neither be read nor fetched, then one alert per order, over once it is read', () => {
  const open = {
    orderId: 'wix-7',
    webhookId: 'hook-7',
    reason: 'the order: lineItems: missing',
    since: iso(0),
    fetchError: 'no Wix API key is configured',
  };
  const nameless = {
    webhookId: 'sha256:ab',
    reason: 'envelope has no eventType',
    since: iso(0),
    fetchError: 'x',
  };
  const raised = decideAlerts(initialAlerts, { ...given(), unreadable: [open, nameless] }, minute(1), rules);
  assert.equal(
    raised.raise.map((alert) => [alert.kind, alert.subject]),
    [
      ['order-unreadable', 'wix-7'],
      ['order-unreadable', 'sha256:ab'],
    ],
  );
  assert.match(raised.raise[0]?.message ?? '', /could not be read — open it in Wix \(Wix order wix-7\)/);
  assert.equal(
    decideAlerts(raised.state, { ...given(), unreadable: [open, nameless] }, minute(2), rules).raise,
    [],
  );
  const read = decideAlerts(raised.state, { ...given(), unreadable: [nameless] }, minute(3), rules);
  assert.equal(
    read.clear.map((alert) => alert.subject),
    ['wix-7'],
  );
});

test('retries wait base, then factor times longer, never above the cap', () => {
  const retry = { baseMs: 1_000, factor: 3, capMs: 20_000 };
  assert.equal(
    [1, 2, 3, 4, 5].map((attempt) => backoffCeiling(attempt, retry)),
    [1_000, 3_000, 9_000, 20_000, 20_000],
  );
});

test.run();
