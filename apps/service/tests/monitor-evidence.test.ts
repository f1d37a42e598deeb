import type { AnyDomainEvent, PrintFailure } from '@bonrelay/domain';
import { from, lastValueFrom, toArray } from 'rxjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { failureEvidence, statusFromFailure } from '../src/monitors/printer-monitor.ts';

const failed = (printer: string, failure: PrintFailure, position: number): AnyDomainEvent => ({
  type: 'PrintAttemptFailed',
  position,
  recordedAt: '2026-11-27T19:40:00.000Z',
  data: {
    jobId: `o${position}/kitchen`,
    printer,
    attempt: 1,
    failure,
    counted: false,
    nextAttemptAt: '2026-11-27T19:40:01.000Z',
  },
});

test('a failed print tells the monitor what it learned about the printer, and only that', () => {
  assert.is(statusFromFailure('refused'), 'offline');
  assert.is(statusFromFailure('timeout'), 'offline');
  assert.is(statusFromFailure('unreachable'), 'offline');
  assert.is(statusFromFailure('offline'), 'offline');
  assert.is(statusFromFailure('paper-end'), 'paper-end');
  assert.is(statusFromFailure('cover-open'), 'cover-open');
  assert.is(statusFromFailure('error'), 'error');
  assert.is(statusFromFailure('reset-mid-job'), undefined);
});

test('given the log, when prints fail on several printers, then only this printer’s failures become evidence', async () => {
  const log: AnyDomainEvent[] = [
    failed('kitchen', 'refused', 1),
    failed('counter', 'paper-end', 2),
    failed('kitchen', 'reset-mid-job', 3),
    { type: 'ServiceStopped', position: 4, recordedAt: '2026-11-27T19:41:00.000Z', data: { reason: 'x' } },
    failed('kitchen', 'paper-end', 5),
  ];
  const evidence = await lastValueFrom(failureEvidence('kitchen', from(log)).pipe(toArray()));
  assert.equal(evidence, [
    { status: 'offline', latencyMs: 0, reason: 'print failed: refused' },
    { status: 'paper-end', latencyMs: 0, reason: 'print failed: paper-end' },
  ]);
});

test.run();
