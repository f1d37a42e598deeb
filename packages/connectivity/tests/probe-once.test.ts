import { map, NEVER, timer } from 'rxjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { probeInternetOnce, probePrinterOnce } from '../src/index.ts';
import { virtualTime } from './support/virtual-time.ts';

const target = { host: '127.0.0.1', port: 1053 };

test('a printer probe promise is answered as is', async () => {
  const result = await probePrinterOnce({ probe: async () => ({ status: 'paper-near-end', latencyMs: 7 }) });

  assert.equal(result, { status: 'paper-near-end', latencyMs: 7 });
});

test('a rejected printer probe answers offline with the reason, never rejects', async () => {
  const result = await probePrinterOnce({
    probe: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:9100')),
  });

  assert.is(result.status, 'offline');
  assert.is(result.reason, 'probe-error: connect ECONNREFUSED 127.0.0.1:9100');
});

test('a silent printer answers offline / timeout after the deadline, measured on the given clock', async () => {
  const clock = virtualTime();
  const answer = probePrinterOnce({ probe: () => NEVER, scheduler: clock.scheduler, probeTimeoutMs: 4_000 });
  clock.scheduler.flush();

  assert.equal(await answer, { status: 'offline', reason: 'timeout', latencyMs: 4_000 });
});

test('an internet check now answers status, failed targets and how long it took', async () => {
  const clock = virtualTime();
  const answer = probeInternetOnce({
    targets: [target, { host: '127.0.0.1', port: 2053 }],
    probeTarget: (probed) => timer(40, clock.scheduler).pipe(map(() => probed === target)),
    wixProbe: () => timer(60, clock.scheduler).pipe(map(() => true)),
    scheduler: clock.scheduler,
  });
  clock.scheduler.flush();

  assert.equal(await answer, { status: 'online', failedTargets: ['127.0.0.1:2053'], latencyMs: 100 });
});

test('an internet check with promise probes works on real time too', async () => {
  const result = await probeInternetOnce({ targets: [target], probeTarget: async () => false });

  assert.equal(result.status, 'offline');
  assert.equal(result.failedTargets, ['127.0.0.1:1053']);
});

test.run();
