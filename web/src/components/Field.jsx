import { LIMITS } from '../lib/validate.js';

// A labelled form field whose errors are announced and tied to the input (aria-invalid + aria-describedby).
export function Field({ id, label, errors, multiline, hint, ...input }) {
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const invalid = !!(errors && errors.length);
  const describedBy = [hint && hintId, invalid && errorId].filter(Boolean).join(' ') || undefined;
  const props = { id, 'aria-invalid': invalid ? 'true' : undefined, 'aria-describedby': describedBy, ...input };
  return (
    <div class={invalid ? 'field invalid' : 'field'}>
      <label for={id}>{label}</label>
      {hint && <p id={hintId} class="hint">{hint}</p>}
      {multiline ? <textarea {...props} /> : <input {...props} />}
      {invalid && <p id={errorId} class="field-error">{errors.join(' ')}</p>}
    </div>
  );
}

/** A new password and its repetition (sign up, reset password, change password). */
export function NewPassword({ form, name = 'password', label = 'New password' }) {
  const min = `At least ${LIMITS.passwordMin} characters.`;
  return (
    <>
      <Field id={name} label={label} type="password" autoComplete="new-password" required hint={min}
        {...form.field(name)} />
      <Field id="repeat" label={`Repeat ${label.toLowerCase()}`} type="password" autoComplete="new-password" required
        {...form.field('repeat')} />
    </>
  );
}

/** A form driven by useForm(): no browser validation bubbles (ours are announced), its form-wide error first. */
export function Form({ form, children, class: cls }) {
  return (
    <form ref={form.formRef} onSubmit={form.submit} novalidate class={cls}>
      <FormError text={form.formError} />
      {children}
    </form>
  );
}

/** The form-wide error (network down, wrong password, a server message without a field). */
export function FormError({ text }) {
  if (!text) return null;
  return <p class="form-error" role="alert" tabindex="-1">{text}</p>;
}

export function Submit({ busy, children, class: cls = 'button primary' }) {
  return <button type="submit" class={cls} disabled={busy} aria-busy={busy ? 'true' : undefined}>{children}</button>;
}
