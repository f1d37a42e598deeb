import { textOption, timeOption } from '../args.ts';
import { type CliContext, openLogForCli } from '../cli-context.ts';

const pageSize = 5_000;

/** `events --from --to [--type]`: the log as NDJSON, for export and audit; streams in pages. */
export function eventsCommand(context: CliContext): number {
  const store = openLogForCli(context, 'read-only');
  try {
    const from = timeOption(context.args, 'from');
    const to = timeOption(context.args, 'to');
    const type = textOption(context.args, 'type');
    const types = type ? type.split(',') : undefined;
    let after = 0;
    for (;;) {
      const page = store.read({ after, limit: pageSize, from, to, types });
      for (const event of page) context.out(`${JSON.stringify(event)}\n`);
      if (page.length < pageSize) break;
      after = (page[page.length - 1] as { position: number }).position;
    }
    return 0;
  } finally {
    store.close();
  }
}
