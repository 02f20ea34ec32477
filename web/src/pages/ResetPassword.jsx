import { navigate, flashNext } from '../lib/nav.js';
import { validateNewPassword } from '../lib/validate.js';
import { useSession } from '../session.js';
import { useForm, useTitle } from '../hooks.js';
import { Form, NewPassword, Submit } from '../components/Field.jsx';

const BAD_LINK = 'This reset link is invalid or has expired. Ask for a new one.';

export function ResetPassword({ query }) {
  useTitle('Reset password');
  const { api } = useSession();
  const token = query.get('token') || '';
  const form = useForm({ password: '', repeat: '' }, {
    validate: validateNewPassword,
    fieldOf: (f) => (f === 'token' ? null : f),
    async action(v) {
      try {
        await api.resetPassword(token, v.password);
      } catch (err) {
        if (err.status === 422 && err.fields && err.fields.token) throw new Error(BAD_LINK);
        if (err.status === 400 || err.status === 404 || err.status === 410) throw new Error(BAD_LINK);
        throw err;
      }
      flashNext('Your password was changed. Sign in with the new one.');
      navigate('/signin', { replace: true });
    },
  });
  return (
    <section class="narrow" aria-labelledby="reset-title">
      <h1 id="reset-title">Choose a new password</h1>
      {!token ? (
        <p class="form-error" role="alert">{BAD_LINK} <a href="/forgot-password">Forgot password</a></p>
      ) : (
        <Form form={form}>
          <NewPassword form={form} />
          <Submit busy={form.busy}>Change password</Submit>
        </Form>
      )}
      <p><a href="/forgot-password">Ask for a new link</a> · <a href="/signin">Sign in</a></p>
    </section>
  );
}
