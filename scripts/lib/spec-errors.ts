/** Base class of every error `pnpm update-spec` reports; when one is thrown, nothing was written. */
export class SpecUpdateError extends Error {
  override name = "SpecUpdateError";
}

/** The source could not be read: a missing file, an unreachable URL, a timeout or a non-2xx answer. */
export class SpecSourceError extends SpecUpdateError {
  override name = "SpecSourceError";
}

/** The source was read but is not a document the generator can use: not JSON, not OpenAPI 3.x, or invalid. */
export class InvalidSpecError extends SpecUpdateError {
  override name = "InvalidSpecError";
}

/** True for the errors update-spec reports with a message meant for the user (no stack needed). */
export function isSpecUpdateError(error: unknown): error is SpecUpdateError {
  return error instanceof SpecUpdateError;
}
