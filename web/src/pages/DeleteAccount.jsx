import { navigate, flashNext } from '../lib/nav.js';
import { useSession } from '../session.js';
import { useForm, useTitle } from '../hooks.js';
import { Field, Form, Submit } from '../components/Field.jsx';

export function DeleteAccount() {
  useTitle('Delete account');
  const { api, user, switchUser } = useSession();
  const form = useForm({ password: '' }, {
    validate: (v) => (v.password ? {} : { password: ['Enter your password to confirm.'] }),
    action: (v) => switchUser(async () => {
      await api.deleteAccount(v.password);
      flashNext('Your account and all its notes were deleted.', 'info');
      navigate('/signin', { replace: true });
    }),
  });
  return (
    <section class="narrow confirm" aria-labelledby="delete-account-title">
      <h1 id="delete-account-title">Delete account</h1>
      <p>This deletes the account <strong>{user.email}</strong> with all its pads and notes. It cannot be undone.</p>
      <Form form={form}>
        <Field id="password" label="Your password" type="password" autoComplete="current-password" required
          {...form.field('password')} />
        <div class="actions">
          <Submit busy={form.busy} class="button danger">Yes, delete my account</Submit>
          <a href="/settings" class="button">Cancel</a>
        </div>
      </Form>
    </section>
  );
}
