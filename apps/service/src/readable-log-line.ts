/**
 * Turns the service's JSON log lines into lines a person reads on a terminal. Loaded only when
 * stdout is one, so a service logging to journald or a pipe never loads the prettifier.
 */
export async function readableLogLine(): Promise<(line: string) => string> {
  const { prettyFactory } = await import('pino-pretty');
  return prettyFactory({
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,service',
    singleLine: true,
  });
}
