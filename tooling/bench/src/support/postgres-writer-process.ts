// One writer of the PostgreSQL append bench in a process of its own (as replicas are): opens the
// log at BENCH_PG_URL, says ready, and on `append` writes its batches and answers when done.
import { type NewEvent, openPostgresEventStore } from '@bonrelay/event-store';
import { answerParent } from './child-process.ts';

const name = process.env.BENCH_PG_WRITER ?? 'w';
const store = await openPostgresEventStore(process.env.BENCH_PG_URL ?? '', { poolSize: 1 });

/** An order as it lands in the log: about 400 bytes of JSON, like the event-store bench's. */
function orderEvent(index: number): NewEvent {
  return {
    id: `order-received:${name}:${index}`,
    stream: `order-${name}-${index % 500}`,
    type: 'OrderReceived',
    data: {
      order: {
        id: `wix-${name}-${index}`,
        lines: [
          { name: 'Pho bo', quantity: 2, price: 1290, options: ['extra herbs'] },
          { name: 'Spring rolls', quantity: 1, price: 650, options: [] },
        ],
        customer: { name: 'Ada Lovelace', phone: '+49 30 1234567' },
      },
    },
    metadata: { correlationId: `wix-${index}`, source: 'wix' },
  };
}

answerParent(
  {
    append: async (message) => {
      const batches = Number(message.batches);
      const size = Number(message.size);
      for (let batch = 0; batch < batches; batch += 1) {
        await store.append(Array.from({ length: size }, (_, index) => orderEvent(batch * size + index)));
      }
      return {};
    },
  },
  () => store.close(),
);
