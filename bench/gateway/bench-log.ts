const startedAt = performance.now();

/** Progress goes to stderr with the seconds since start, so stdout holds only the report. */
export const benchLog = (line: string) => {
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(0).padStart(4);
  process.stderr.write(`${seconds} s  ${line}\n`);
};
