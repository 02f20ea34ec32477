import { navigate, flashNext } from '../lib/nav.js';
import { validateForgot } from '../lib/validate.js';
import { useSession } from '../session.js';
import { useForm, useTitle } from '../hooks.js';
import { Field, Form, Submit } from '../components/Field.jsx';

export function ForgotPassword() {
  useTitle('Forgot password');
  const { api } = useSession();
  const form = useForm({ email: '' }, {
    validate: validateForgot,
    async action(v) {
      await api.forgotPassword(v.email);
      // The API never tells whether the address has an account, and neither do we.
      flashNext('If an account exists for that email, a link to reset the password is on its way.', 'info');
      navigate('/signin');
    },
  });
  return (
    <section class="narrow" aria-labelledby="forgot-title">
      <h1 id="forgot-title">Forgot password</h1>
      <p>Enter the email of your account and we will send you a link to choose a new password.</p>
      <Form form={form}>
        <Field id="email" label="Email" type="email" autoComplete="email" required {...form.field('email')} />
        <Submit busy={form.busy}>Send reset link</Submit>
      </Form>
      <p><a href="/signin">Back to sign in</a></p>
    </section>
  );
}
