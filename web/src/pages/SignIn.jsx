import { ApiError } from '../lib/api.js';
import { safeNext } from '../lib/routes.js';
import { navigate, flashNext } from '../lib/nav.js';
import { validateSignIn } from '../lib/validate.js';
import { useSession } from '../session.js';
import { useForm, useTitle } from '../hooks.js';
import { Field, Form, Submit } from '../components/Field.jsx';

export function SignIn({ query }) {
  useTitle('Sign in');
  const { api, switchUser } = useSession();
  const next = safeNext(query.get('next'));
  const form = useForm({ email: '', password: '' }, {
    validate: validateSignIn,
    action: (v) => switchUser(async () => {
      try {
        await api.signIn(v.email, v.password);
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) throw new Error('Wrong email or password.');
        throw err;
      }
      flashNext('Signed in.');
      navigate(next, { replace: true });
    }),
  });
  return (
    <section class="narrow" aria-labelledby="signin-title">
      <h1 id="signin-title">Sign in</h1>
      <Form form={form}>
        <Field id="email" label="Email" type="email" autoComplete="username" required {...form.field('email')} />
        <Field id="password" label="Password" type="password" autoComplete="current-password" required
          {...form.field('password')} />
        <Submit busy={form.busy}>Sign in</Submit>
      </Form>
      <p><a href="/forgot-password">Forgot password?</a></p>
      <p>New to Notejam? <a href={next === '/' ? '/signup' : `/signup?next=${encodeURIComponent(next)}`}>Sign up</a></p>
    </section>
  );
}
