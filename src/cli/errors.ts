import { InputError, InvalidParameterError } from '../parameters/validation.ts';

export const EXIT_OK = 0;
/** A claim's verdict differs from what is expected of it. */
export const EXIT_UNEXPECTED_VERDICT = 1;
export const EXIT_BAD_INPUT = 2;

export function isInputError(error: unknown): error is Error {
  // By name too: a --claims module that imports another copy of theorycheck (dist/ beside src/) throws that copy's classes.
  return error instanceof InvalidParameterError || error instanceof InputError || (error instanceof Error && (error.name === 'InputError' || error.name === 'InvalidParameterError'));
}

/** One line for the user: bad input names what is wrong; anything else is a bug and says so. */
export function describeError(error: unknown): { message: string; exitCode: number } {
  if (isInputError(error)) return { message: `theorycheck: ${error.message}`, exitCode: EXIT_BAD_INPUT };
  const message = error instanceof Error ? error.message : String(error);
  return { message: `theorycheck: internal error: ${message.split('\n')[0]}`, exitCode: 3 };
}
