// The confirmation screen used before deleting a pad or a note.
import { useState } from 'preact/hooks';
import { AuthError } from '../lib/api.js';
import { FormError } from '../components/Field.jsx';

export function Confirm({ title, children, confirmLabel, cancelHref, onConfirm }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  async function submit(e) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (err) {
      if (!(err instanceof AuthError)) setError(err.message);
      setBusy(false);
    }
  }
  return (
    <section class="narrow confirm" aria-labelledby="page-title">
      <h1 id="page-title">{title}</h1>
      {children}
      <form onSubmit={submit}>
        <FormError text={error} />
        <div class="actions">
          <button type="submit" class="button danger" disabled={busy}>{confirmLabel}</button>
          <a href={cancelHref} class="button">Cancel</a>
        </div>
      </form>
    </section>
  );
}
