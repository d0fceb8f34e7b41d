const levelNames: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};
/** Written on every line already, or said by the message itself. */
const implied = new Set(['level', 'time', 'pid', 'hostname', 'msg']);
const saidByRequests = new Set([...implied, 'method', 'path', 'status', 'ms']);

/**
 * One of the logger's JSON lines as a person at a terminal reads it: the time, the level, the message,
 * then what else the line carries (a request's method, path, status and duration on one line; an
 * error's message). Anything that is not a log line is passed on as it is.
 */
export function logLineForPeople(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  if (typeof entry !== 'object' || entry === null || typeof entry.level !== 'number') return line;
  const time = typeof entry.time === 'number' ? new Date(entry.time).toTimeString().slice(0, 8) : '';
  const level = (levelNames[entry.level] ?? String(entry.level)).padEnd(5);
  const { err, ...fields } = entry;
  const isRequest = entry.msg === 'request';
  const message = isRequest
    ? `${fields.method} ${fields.path} ${fields.status} ${fields.ms} ms`
    : String(entry.msg ?? '');
  const error = err && typeof err === 'object' && 'message' in err ? `: ${String(err.message)}` : '';
  const said = isRequest ? saidByRequests : implied;
  const extra = Object.entries(fields).filter(([key, value]) => !said.has(key) && value !== undefined);
  const details = extra.length > 0 ? ` ${JSON.stringify(Object.fromEntries(extra))}` : '';
  return `${time} ${level} ${message}${error}${details}\n`;
}
