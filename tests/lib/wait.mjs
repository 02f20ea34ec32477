// The one polling helper of the tests: no fixed sleeps, poll a condition with a deadline. No npm dependencies.

/** Calls fn until it returns a truthy value (returned) or the deadline passes; a throw counts as "not yet". */
export async function waitFor(fn, { timeoutMs = 20000, intervalMs = 50, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      lastError = e;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out waiting for ${what}${lastError ? `: ${lastError.message}` : ''}`);
}
