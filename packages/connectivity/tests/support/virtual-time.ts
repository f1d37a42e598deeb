import type { PrinterStatus } from '@bonrelay/domain';
import { finalize, map, type Observable, of, timer, VirtualAction, VirtualTimeScheduler } from 'rxjs';
import type { PrinterProbe, PrinterProbeResult } from '../../src/index.ts';

/** An emission and the virtual time (ms) it happened at. */
export interface Seen<T> {
  readonly at: number;
  readonly value: T;
}

/** A virtual clock for monitors: schedule what happens in the world, then run a source until a time. */
export function virtualTime() {
  const scheduler = new VirtualTimeScheduler(VirtualAction, Number.POSITIVE_INFINITY);
  return {
    scheduler,
    /** Something happens in the world at `ms`; call before `run` so it precedes probes at that time. */
    at(ms: number, happen: () => void): void {
      scheduler.schedule(happen, ms);
    },
    /** Subscribes, runs virtual time up to `untilMs`, unsubscribes; returns every emission. */
    run<T>(source$: Observable<T>, untilMs: number): Seen<T>[] {
      const seen: Seen<T>[] = [];
      let failure: unknown;
      const subscription = source$.subscribe({
        next: (value) => seen.push({ at: scheduler.now(), value }),
        error: (error: unknown) => {
          failure = error;
        },
      });
      scheduler.maxFrames = untilMs;
      scheduler.flush();
      subscription.unsubscribe();
      if (failure) throw failure;
      return seen;
    },
  };
}

/** A printer on the virtual bench: tests change `status` (or `answer`) and read `calls`. */
export interface FakePrinter {
  /** What the printer answers now. */
  status: PrinterStatus;
  /** Overrides `status` per probe (0-based call number), for flapping cables. */
  answer?: (call: number) => PrinterStatus;
  /** Virtual times at which probes started. */
  readonly calls: number[];
  /** The most probes ever in flight at once. */
  readonly maxInFlight: () => number;
  readonly probe: PrinterProbe;
}

/** A printer that answers after `latencyMs` of virtual time (0: at once); offline means refused. */
export function fakePrinter(
  scheduler: VirtualTimeScheduler,
  status: PrinterStatus = 'online',
  latencyMs = 0,
): FakePrinter {
  let inFlight = 0;
  let maxInFlight = 0;
  const printer: FakePrinter = {
    status,
    calls: [],
    maxInFlight: () => maxInFlight,
    probe: () => {
      const call = printer.calls.push(scheduler.now()) - 1;
      const answer = printer.answer?.(call) ?? printer.status;
      const result: PrinterProbeResult =
        answer === 'offline'
          ? { status: answer, latencyMs, reason: 'refused' }
          : { status: answer, latencyMs };
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const answer$ = latencyMs === 0 ? of(result) : timer(latencyMs, scheduler).pipe(map(() => result));
      return answer$.pipe(
        finalize(() => {
          inFlight -= 1;
        }),
      );
    },
  };
  return printer;
}
