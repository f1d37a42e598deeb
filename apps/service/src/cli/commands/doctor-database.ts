import { inspectPostgresLog } from '@bonrelay/event-store';

/** One line of the doctor's report. */
export interface DatabaseFinding {
  readonly verdict: 'ok' | 'warn' | 'FAIL';
  readonly check: string;
  readonly detail: string;
}

/** The URL as it may be printed: a password in it never reaches a terminal or a support ticket. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/**
 * `doctor`'s look at `database.url`: does the server answer, does it hold a log of a schema this
 * bonrelay can use, and how long is it. Read-only: doctor must not migrate a database that a newer
 * bonrelay (another replica mid-upgrade) may own.
 */
export async function postgresLogFinding(url: string): Promise<DatabaseFinding> {
  const check = 'database';
  const shown = withoutPassword(url);
  try {
    const state = await inspectPostgresLog(url);
    if (state.schemaVersion > state.codeSchemaVersion) {
      return {
        verdict: 'FAIL',
        check,
        detail: `${shown}: schema version ${state.schemaVersion}, newer than this bonrelay (${state.codeSchemaVersion}); upgrade bonrelay`,
      };
    }
    if (state.schemaVersion === 0) {
      return { verdict: 'warn', check, detail: `${shown} answers; no log yet (created at first start)` };
    }
    return {
      verdict: 'ok',
      check,
      detail: `${shown}: schema version ${state.schemaVersion} (this bonrelay ${state.codeSchemaVersion}), ${state.lastPosition} events`,
    };
  } catch (error) {
    return { verdict: 'FAIL', check, detail: `${shown}: ${(error as Error).message}` };
  }
}
