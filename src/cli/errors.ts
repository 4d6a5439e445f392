import { InputError, InvalidParameterError } from '../parameters/validation.ts';
import { writeCrashLog } from './crashLog.ts';

export const EXIT_OK = 0;
/** A claim's verdict differs from what is expected of it. */
export const EXIT_UNEXPECTED_VERDICT = 1;
export const EXIT_BAD_INPUT = 2;
/** A bug in theorycheck: one line for the user, the trace in a crash log. */
export const EXIT_INTERNAL_ERROR = 3;

export function isInputError(error: unknown): error is Error {
  // By name too: a --claims module that imports another copy of theorycheck (dist/ beside src/) throws that copy's classes.
  return (
    error instanceof InvalidParameterError ||
    error instanceof InputError ||
    (error instanceof Error && (error.name === 'InputError' || error.name === 'InvalidParameterError'))
  );
}

/** One line of a message, at most `max` characters: messages may carry text from a file. */
function oneLine(text: string, max = 300): string {
  const line = text.split('\n')[0].replace(/[\u0000-\u001f\u007f]/g, ' ');
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

/**
 * One line for the user: bad input names what is wrong (exit 2); anything else is a bug and says
 * so (exit 3), with the path of the crash log that holds its stack.
 */
export function describeError(error: unknown): { message: string; exitCode: number } {
  if (isInputError(error)) return { message: `theorycheck: ${oneLine(error.message, 600)}`, exitCode: EXIT_BAD_INPUT };
  const message = error instanceof Error ? error.message : String(error);
  const log = writeCrashLog(error);
  return { message: `theorycheck: internal error: ${oneLine(message)}${log ? ` (crash log: ${log})` : ''}`, exitCode: EXIT_INTERNAL_ERROR };
}

/**
 * Last line of defence for the binary: an exception nothing caught (a library failing
 * asynchronously) still ends as one line, exit 3, and a crash log, not a stack trace.
 */
export function installCrashHandlers(): void {
  const crash = (error: unknown) => {
    process.stderr.write(`${describeError(error).message}\n`);
    process.exit(EXIT_INTERNAL_ERROR);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
}
