import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type AsyncViewConnection, runOnRows } from '../src/index.ts';
import { toPostgresPlaceholders } from '../src/postgres/postgres-placeholders.ts';

/** A server stand-in: answers `SELECT next FROM chain WHERE at = ?` from a map and records every statement. */
function fakeServer(chain: Record<string, string>) {
  const sent: string[] = [];
  const connection: AsyncViewConnection = {
    async query<Row>(statement: string, parameters: readonly unknown[] = []) {
      sent.push(`${statement} ${JSON.stringify(parameters)}`);
      const next = chain[String(parameters[0])];
      return (statement.startsWith('SELECT') && next !== undefined ? [{ next }] : []) as Row[];
    },
    async exec(statements) {
      sent.push(statements);
    },
    queryMany: async (reads) => {
      const answers: unknown[][] = [];
      for (const read of reads) answers.push(await connection.query(read.statement, read.parameters));
      return answers;
    },
    transaction: (work) => work(connection),
    close: async () => undefined,
  };
  return { connection, sent };
}

test('given reads that depend on earlier reads, when run on a server, then it settles and sends only the last run’s writes, in order', async () => {
  const { connection, sent } = fakeServer({ kitchen: 'bar', bar: 'terrace' });
  const walked = await runOnRows(connection, (sync) => {
    const read = sync.prepare<{ next: string }>('SELECT next FROM chain WHERE at = ?');
    const path = ['kitchen'];
    for (let next = read.get('kitchen'); next; next = read.get(next.next)) path.push(next.next);
    sync.exec('CREATE TABLE IF NOT EXISTS walks (path text)');
    sync.prepare('INSERT INTO walks VALUES (?)').run(path.join('>'));
    return path;
  });
  assert.equal(walked, ['kitchen', 'bar', 'terrace']);
  assert.equal(sent.slice(-2), [
    'CREATE TABLE IF NOT EXISTS walks (path text) []',
    'INSERT INTO walks VALUES (?) ["kitchen>bar>terrace"]',
  ]);
  assert.is(sent.filter((statement) => statement.startsWith('INSERT')).length, 1);
});

test('given work that fails only on rows it has not got yet, then the run with its rows decides; a real failure is thrown', async () => {
  const { connection } = fakeServer({ kitchen: 'bar' });
  const needsRow = (sync: Parameters<Parameters<typeof runOnRows>[1]>[0]) => {
    const row = sync.prepare<{ next: string }>('SELECT next FROM chain WHERE at = ?').get('kitchen');
    if (row === undefined) throw new Error('the kitchen has no next station');
    return row.next;
  };
  assert.is(await runOnRows(connection, needsRow), 'bar');
  const empty = fakeServer({});
  const failure = await runOnRows(empty.connection, needsRow).catch((error: Error) => error.message);
  assert.is(failure, 'the kitchen has no next station');
});

test('given reads that never settle, then it gives up loudly', async () => {
  const { connection } = fakeServer({});
  let counter = 0;
  const failure = await runOnRows(connection, (sync) =>
    sync.prepare('SELECT next FROM chain WHERE at = ?').get(counter++),
  ).catch((error: Error) => error.message);
  assert.match(String(failure), /did not settle/);
});

test('given a statement compiled for SQLite, then its placeholders become PostgreSQL’s and quoted text is left alone', () => {
  assert.is(
    toPostgresPlaceholders(`select "a?" from t where x = ? and y = '?' and z in (?, ?)`),
    `select "a?" from t where x = $1 and y = '?' and z in ($2, $3)`,
  );
});

test.run();
