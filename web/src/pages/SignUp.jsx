import { safeNext } from '../lib/routes.js';
import { navigate, flashNext } from '../lib/nav.js';
import { validateSignUp } from '../lib/validate.js';
import { useSession } from '../session.js';
import { useForm, useTitle } from '../hooks.js';
import { Field, Form, NewPassword, Submit } from '../components/Field.jsx';

export function SignUp({ query }) {
  useTitle('Sign up');
  const { api, switchUser } = useSession();
  const next = safeNext(query.get('next'));
  const form = useForm({ email: '', password: '', repeat: '' }, {
    validate: validateSignUp,
    action: (v) => switchUser(async () => {
      await api.signUp(v.email, v.password);
      flashNext('Welcome to Notejam! Your account is ready.');
      navigate(next, { replace: true });
    }),
  });
  return (
    <section class="narrow" aria-labelledby="signup-title">
      <h1 id="signup-title">Sign up</h1>
      <Form form={form}>
        <Field id="email" label="Email" type="email" autoComplete="email" required {...form.field('email')} />
        <NewPassword form={form} label="Password" />
        <Submit busy={form.busy}>Sign up</Submit>
      </Form>
      <p>Already have an account? <a href="/signin">Sign in</a></p>
    </section>
  );
}
