import type { PrinterProbeResult } from '@bonrelay/connectivity';
import type { PrintOutcome } from '@bonrelay/printing';
import { VirtualAction, VirtualTimeScheduler } from 'rxjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CloudprntPoll } from '../src/cloudprnt/cloudprnt-poll.ts';
import { type CloudprntPrinter, cloudprntPrinter } from '../src/cloudprnt/cloudprnt-printer.ts';

const mac = '00:11:62:aa:bb:cc';
const ticket = '^^Kitchen\nPizza | 2\n=';
const paper = { cpl: 48, encoding: 'multilingual' } as const;

/** A CloudPRNT printer on a virtual clock: polls, prints and deadlines happen at chosen instants. */
function onTheBench(
  options: { pollIntervalMs?: number; confirmTimeoutMs?: number; pollHoldMs?: number } = {},
) {
  const scheduler = new VirtualTimeScheduler(VirtualAction, Number.POSITIVE_INFINITY);
  const printer = cloudprntPrinter({
    name: 'kitchen',
    mac,
    pollIntervalMs: options.pollIntervalMs ?? 1000,
    confirmTimeoutMs: options.confirmTimeoutMs ?? 60_000,
    pollHoldMs: options.pollHoldMs ?? 0,
    dotWidth: 576,
    scheduler,
    recordedStatus: () => undefined,
  });
  const seen: { at: number; observation: PrinterProbeResult }[] = [];
  printer.link.observations$?.subscribe((observation) => seen.push({ at: scheduler.now(), observation }));
  return {
    scheduler,
    printer,
    seen,
    /** Moves the virtual clock to `ms`, running every deadline due by then. */
    advanceTo(ms: number) {
      scheduler.schedule(() => {}, ms - scheduler.now());
      scheduler.maxFrames = ms;
      scheduler.flush();
    },
  };
}

const poll = (printer: CloudprntPrinter, statusCode = '200%20OK', dotWidth?: number) =>
  printer.poll({ mac, statusCode, dotWidth } satisfies CloudprntPoll);

/** Resolves with the outcome if `print` already settled, else with `pending`. */
async function settled(outcome: Promise<PrintOutcome>): Promise<PrintOutcome | 'pending'> {
  return Promise.race([outcome, new Promise<'pending'>((resolve) => setImmediate(() => resolve('pending')))]);
}

test('a printer that misses polls for 3× its interval is offline at exactly that moment, and back at its next poll', async () => {
  const bench = onTheBench({ pollIntervalMs: 1000 });
  await poll(bench.printer);
  bench.advanceTo(2999);
  assert.equal(
    bench.seen.map((seen) => seen.observation.status),
    ['online'],
  );
  bench.advanceTo(3000);
  assert.equal(
    bench.seen.map((seen) => [seen.at, seen.observation.status]),
    [
      [0, 'online'],
      [3000, 'offline'],
    ],
  );
  assert.match(
    bench.seen[1]?.observation.reason ?? '',
    /no CloudPRNT poll for 3000 ms \(expected every 1000 ms\)/,
  );
  assert.is((await bench.printer.link.probe()).status, 'offline');
  bench.advanceTo(3500);
  await poll(bench.printer);
  assert.is(bench.seen.at(-1)?.observation.status, 'online');
});

test('a poll held for a ticket about to come is no silence: the printer is offline only 3 intervals after its answer', async () => {
  const bench = onTheBench({ pollIntervalMs: 1000, pollHoldMs: 5000 });
  const held = poll(bench.printer);
  bench.advanceTo(4000);
  assert.is((await bench.printer.link.probe()).status, 'online', 'waiting for its answer');
  bench.advanceTo(5000);
  assert.equal(await held, { jobReady: false, clientAction: [{ request: 'PageInfo', options: '' }] });
  bench.advanceTo(7999);
  assert.equal(
    bench.seen.map((seen) => seen.observation.status),
    ['online'],
  );
  bench.advanceTo(8000);
  assert.is(bench.seen.at(-1)?.observation.status, 'offline');
});

test('a held poll is answered the moment a ticket is offered', async () => {
  const bench = onTheBench({ pollHoldMs: 5000 });
  const held = poll(bench.printer);
  bench.advanceTo(200);
  void bench.printer.link.print(ticket, paper, 'job-1');
  const answer = await held;
  assert.is(answer.jobReady, true);
  assert.is(bench.scheduler.now(), 200);
});

test('before its first poll the printer is as the log last left it; a poll without a status code is a printer there', async () => {
  const scheduler = new VirtualTimeScheduler(VirtualAction, Number.POSITIVE_INFINITY);
  const printer = cloudprntPrinter({
    name: 'kitchen',
    mac,
    pollIntervalMs: 1000,
    confirmTimeoutMs: 60_000,
    pollHoldMs: 0,
    dotWidth: 576,
    scheduler,
    recordedStatus: () => 'offline',
  });
  assert.is((await printer.link.probe()).status, 'offline');
  await printer.poll({ mac, statusCode: undefined, dotWidth: undefined });
  assert.equal(await printer.link.probe(), { status: 'online', latencyMs: 0, reason: 'CloudPRNT poll' });
});

test('the status code of a poll is the printer status, its code and words kept for the log', async () => {
  const bench = onTheBench();
  await poll(bench.printer, '410%20Paper%20Out');
  assert.equal(bench.seen.at(-1)?.observation, {
    status: 'paper-end',
    latencyMs: 0,
    reason: 'CloudPRNT 410 Paper Out',
  });
  await poll(bench.printer, '420%20Cover%20Open');
  assert.is(bench.seen.at(-1)?.observation.status, 'cover-open');
  await poll(bench.printer, '211%20Paper%20Near%20End');
  assert.is(bench.seen.at(-1)?.observation.status, 'paper-near-end');
  void bench.printer.link.print(ticket, paper, 'job-1');
  assert.is((await poll(bench.printer, '211%20Paper%20Near%20End')).jobReady, true, 'near end still prints');
  bench.printer.stop();
  await poll(bench.printer, '410%20Paper%20Out');
  const stopped = await bench.printer.link.print(ticket, paper, 'job-1');
  assert.equal(stopped.ok ? undefined : [stopped.failure, stopped.reachedPrinter], ['paper-end', false]);
});

test('a job is offered at the next poll, one at a time, and printed only when the printer confirms it', async () => {
  const bench = onTheBench();
  assert.equal(await poll(bench.printer), {
    jobReady: false,
    clientAction: [{ request: 'PageInfo', options: '' }],
  });
  const printing = bench.printer.link.print(ticket, paper, 'job-1');
  const second = await bench.printer.link.print(ticket, paper, 'job-2');
  assert.equal(second.ok ? undefined : second.failure, 'error', 'one job at a time');
  const answer = await poll(bench.printer);
  assert.is(answer.jobReady, true);
  assert.is(answer.mediaTypes?.[0], 'image/png');
  assert.ok(answer.jobToken);
  assert.is(bench.printer.fetch('someone-elses-token', 'image/png').ok, false);
  const fetched = bench.printer.fetch(answer.jobToken, 'text/plain');
  assert.ok(fetched.ok && fetched.body.toString().includes('Pizza'));
  assert.is((await poll(bench.printer)).jobReady, false, 'a fetched job is not offered again');
  assert.is(await settled(printing), 'pending', 'fetched is not printed');
  bench.advanceTo(250);
  assert.ok(bench.printer.confirm(answer.jobToken, '200 OK'));
  assert.equal(await printing, { ok: true, confirmation: 'confirmed', latencyMs: 250 });
  assert.is(bench.printer.confirm(answer.jobToken, '200 OK'), false, 'a job is confirmed once');
});

test('a job fetched and never confirmed within the deadline may be on paper: the next try is a possible duplicate', async () => {
  const bench = onTheBench({ pollIntervalMs: 1000, confirmTimeoutMs: 60_000 });
  const printing = bench.printer.link.print(ticket, paper, 'job-1');
  const answer = await poll(bench.printer);
  assert.ok(bench.printer.fetch(answer.jobToken, 'image/png').ok);
  for (let at = 1000; at < 60_000; at += 1000) {
    bench.advanceTo(at);
    await poll(bench.printer);
  }
  assert.is(await settled(printing), 'pending');
  bench.advanceTo(60_000);
  assert.equal(await printing, {
    ok: false,
    failure: 'timeout',
    detail: 'CloudPRNT printer fetched the job and did not confirm it within 60000 ms',
    reachedPrinter: true,
    possibleDuplicate: true,
  });
});

test('a job the printer never fetched because it fell silent is offline, and burns no attempt', async () => {
  const bench = onTheBench({ pollIntervalMs: 1000 });
  await poll(bench.printer);
  const printing = bench.printer.link.print(ticket, paper, 'job-1');
  bench.advanceTo(3000);
  const outcome = await printing;
  assert.equal(outcome.ok ? undefined : [outcome.failure, outcome.reachedPrinter], ['offline', false]);
  const refused = await bench.printer.link.print(ticket, paper, 'job-1');
  assert.equal(refused.ok ? undefined : refused.failure, 'offline', 'an offline printer is offered nothing');
});

test('confirmation codes: 520 keeps the job queued (nothing reached paper), 510 and others count toward giving up', async () => {
  const outcomes: [string, PrintOutcome][] = [];
  for (const code of [
    '520 Download timeout',
    '510 Media type not supported',
    '599 Something else',
    '410 Paper Out',
  ]) {
    const bench = onTheBench();
    const printing = bench.printer.link.print(ticket, paper, 'job-1');
    const answer = await poll(bench.printer);
    bench.printer.fetch(answer.jobToken, 'image/png');
    bench.printer.confirm(undefined, code);
    outcomes.push([code, await printing]);
  }
  assert.equal(
    outcomes.map(([code, outcome]) => [
      code,
      outcome.ok ? 'ok' : `${outcome.failure} ${outcome.reachedPrinter}`,
    ]),
    [
      ['520 Download timeout', 'unreachable false'],
      ['510 Media type not supported', 'error true'],
      ['599 Something else', 'error true'],
      ['410 Paper Out', 'paper-end true'],
    ],
  );
});

test('the PNG is as wide as the printer says in PageInfo, else as its paper', async () => {
  const bench = onTheBench();
  const widthOf = async () => {
    const printing = bench.printer.link.print(ticket, paper, 'job');
    const answer = await poll(bench.printer);
    const fetched = bench.printer.fetch(answer.jobToken, 'image/png');
    bench.printer.confirm(answer.jobToken, '200');
    await printing;
    return fetched.ok ? fetched.body.readUInt32BE(16) : 0;
  };
  assert.is(await widthOf(), 576);
  await poll(bench.printer, '200%20OK', 384);
  assert.is(await widthOf(), 384);
});

test('a printer that runs out of paper before fetching its job stops it: paper end, nothing reached it', async () => {
  const bench = onTheBench();
  await poll(bench.printer);
  const printing = bench.printer.link.print(ticket, paper, 'job-1');
  await poll(bench.printer, '410%20Paper%20Out');
  const outcome = await printing;
  assert.equal(outcome.ok ? undefined : [outcome.failure, outcome.reachedPrinter], ['paper-end', false]);
});

test.run();
