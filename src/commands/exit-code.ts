/**
 * Commands do not call process.exit: a handler records its exit code here and cli.ts returns it
 * after yargs finishes, so files are flushed first.
 */
let recorded = 0;
export const setExitCode = (code: number): void => {
  recorded = code;
};
export const getExitCode = (): number => recorded;
