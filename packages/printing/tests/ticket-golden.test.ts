import { join } from 'node:path';
import { test } from 'uvu';
import {
  isTicketSkipped,
  renderTestTicket,
  renderTicket,
  type TicketLayout,
  toPlainText,
} from '../src/tickets/index.ts';
import { matchGolden } from './fixtures/golden-file.ts';
import { englishLayout, firstPrint, fixtures, germanLayout } from './fixtures/orders.ts';

// Each golden file holds what a person reads off the paper, then the receiptline document itself
// (where inversion, sizes and QR codes show), one folder per locale. Rewrite them after an intended
// change with `UPDATE_GOLDEN=1 node --import tsx tests/ticket-golden.test.ts` and review the diff.
const goldenDir = join(import.meta.dirname, 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

function golden(layout: TicketLayout, name: string, doc: string): void {
  const actual = `${toPlainText(doc, layout)}\n===== receiptline document =====\n${doc}`;
  matchGolden(join(goldenDir, layout.locale, `${name}.golden.txt`), actual, update);
}

const templates = ['kitchen', 'customer', 'driver', 'cancellation'] as const;

for (const layout of [germanLayout, englishLayout]) {
  for (const template of templates) {
    for (const [fixture, order] of Object.entries(fixtures)) {
      const doc = renderTicket(template, order, firstPrint, layout);
      if (isTicketSkipped(doc)) continue;
      test(`${layout.locale}: ${template} ticket for ${fixture} matches its golden file`, () =>
        golden(layout, `${template}-${fixture}`, doc));
    }
  }

  test(`${layout.locale}: test ticket matches its golden file`, () => {
    golden(layout, 'test-ticket', renderTestTicket('Kitchen printer', firstPrint, layout));
  });

  test(`${layout.locale}: a reprint that may be a duplicate matches its golden file`, () => {
    const doc = renderTicket(
      'kitchen',
      fixtures.allergyNote,
      { ...firstPrint, reprint: true, possibleDuplicate: true },
      layout,
    );
    golden(layout, 'kitchen-reprint-duplicate', doc as string);
  });

  test(`${layout.locale}: a kitchen ticket printed on the fallback printer matches its golden file`, () => {
    const doc = renderTicket(
      'kitchen',
      fixtures.allergyNote,
      { ...firstPrint, fallbackFor: 'kitchen' },
      layout,
    );
    golden(layout, 'kitchen-fallback', doc as string);
  });
}

test.run();
