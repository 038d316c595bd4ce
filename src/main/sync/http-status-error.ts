/** A non-2xx answer. `reason` is the backend's machine-readable reason when it sent one. */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string | null,
    /** The backend's own message, without the status prefix. */
    readonly detail: string,
    readonly retryAfterMs: number | undefined,
  ) {
    super(`HTTP ${status}${reason === null ? '' : ` ${reason}`}: ${detail}`);
    this.name = 'HttpStatusError';
  }
}
