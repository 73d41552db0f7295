// The error a promise rejects with, for tests that then look at its code, status or message.

/** Fails the test unless `promise` rejects with a `type`; answers that error. */
export async function rejectionOf<E extends Error>(promise: Promise<unknown>, type: abstract new (...args: never[]) => E): Promise<E> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof type)) throw new Error(`expected a rejection with ${type.name}, got ${String(error)}`);
  return error;
}
