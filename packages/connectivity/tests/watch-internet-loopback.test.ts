import { asyncScheduler, elementAt, firstValueFrom, ReplaySubject, timeout } from 'rxjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type InternetStatusChange, tcpConnectProbe, watchInternet } from '../src/index.ts';
import { closedPort, loopbackListener } from './support/loopback.ts';

test('the internet monitor follows real loopback listeners going away and coming back', async () => {
  const resolver = await loopbackListener();
  const deadPort = await closedPort();
  const changes = new ReplaySubject<InternetStatusChange>();
  const nthChange = (n: number) => firstValueFrom(changes.pipe(elementAt(n), timeout({ first: 5_000 })));
  const subscription = watchInternet({
    targets: [
      { host: '127.0.0.1', port: resolver.port },
      { host: '127.0.0.1', port: deadPort },
    ],
    probeTarget: (target) => tcpConnectProbe(target, 500),
    scheduler: asyncScheduler,
    intervalMs: 20,
    agreeingProbes: 2,
  }).subscribe(changes);
  try {
    assert.equal(await nthChange(0), {
      from: 'unknown',
      to: 'online',
      failedTargets: [`127.0.0.1:${deadPort}`],
    });

    await resolver.stop();
    assert.equal(await nthChange(1), {
      from: 'online',
      to: 'offline',
      failedTargets: [`127.0.0.1:${resolver.port}`, `127.0.0.1:${deadPort}`],
    });

    await resolver.start();
    assert.equal(await nthChange(2), {
      from: 'offline',
      to: 'online',
      failedTargets: [`127.0.0.1:${deadPort}`],
    });
  } finally {
    subscription.unsubscribe();
    await resolver.stop();
  }
});

test.run();
