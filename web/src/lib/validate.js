// Client-side validation mirroring the API's rules (docs/api.md). The server stays the judge: its 422 `errors`
// are shown the same way. Every validator returns an errors object { field: [message, ...] }, empty when valid.

export const LIMITS = Object.freeze({
  emailMin: 3, emailMax: 254, passwordMin: 8, passwordMax: 128, nameMax: 100, textMax: 20000,
});

// Length in Unicode code points, as the API counts characters.
export const chars = (s) => Array.from(s).length;

function add(errors, field, message) {
  (errors[field] ||= []).push(message);
}

export function emailProblem(value) {
  const email = (value || '').trim();
  if (!email) return 'Enter your email address.';
  const bytes = new TextEncoder().encode(email).length;
  if (bytes < LIMITS.emailMin || bytes > LIMITS.emailMax) return 'Enter a valid email address.';
  // eslint-disable-next-line no-control-regex
  if (/[\s\x00-\x1f\x7f]/.test(email)) return 'Enter a valid email address.';
  const at = email.split('@');
  if (at.length !== 2 || !at[0] || !/^[^.]+(\.[^.]+)+$/.test(at[1])) return 'Enter a valid email address.';
  return null;
}

export function passwordProblem(value) {
  const n = chars(value || '');
  if (n === 0) return 'Enter a password.';
  if (n < LIMITS.passwordMin) return `Use at least ${LIMITS.passwordMin} characters.`;
  if (n > LIMITS.passwordMax) return `Use at most ${LIMITS.passwordMax} characters.`;
  return null;
}

function nameProblem(value, what) {
  const n = chars((value || '').trim());
  if (n === 0) return `Enter a ${what} name.`;
  if (n > LIMITS.nameMax) return `Use at most ${LIMITS.nameMax} characters.`;
  return null;
}

export function validateSignIn({ email, password }) {
  const errors = {};
  if (!(email || '').trim()) add(errors, 'email', 'Enter your email address.');
  if (!password) add(errors, 'password', 'Enter your password.');
  return errors;
}

export function validateSignUp({ email, password, repeat }) {
  const errors = {};
  const e = emailProblem(email);
  if (e) add(errors, 'email', e);
  const p = passwordProblem(password);
  if (p) add(errors, 'password', p);
  else if (password !== repeat) add(errors, 'repeat', 'The passwords do not match.');
  return errors;
}

export function validateForgot({ email }) {
  const errors = {};
  const e = emailProblem(email);
  if (e) add(errors, 'email', e);
  return errors;
}

/** New password + its repetition (reset password, change password). */
export function validateNewPassword({ password, repeat }, field = 'password') {
  const errors = {};
  const p = passwordProblem(password);
  if (p) add(errors, field, p);
  else if (password !== repeat) add(errors, 'repeat', 'The passwords do not match.');
  return errors;
}

export function validateChangePassword({ current, password, repeat }) {
  const errors = validateNewPassword({ password, repeat }, 'new_password');
  if (!current) add(errors, 'current_password', 'Enter your current password.');
  return errors;
}

export function validatePad({ name }) {
  const errors = {};
  const n = nameProblem(name, 'pad');
  if (n) add(errors, 'name', n);
  return errors;
}

export function validateNote({ name, text }) {
  const errors = {};
  const n = nameProblem(name, 'note');
  if (n) add(errors, 'name', n);
  if (chars(text || '') > LIMITS.textMax) add(errors, 'text', `Use at most ${LIMITS.textMax} characters.`);
  return errors;
}

export const hasErrors = (errors) => Object.keys(errors).length > 0;

// The API's field messages are fragments meant to follow the field's name ("is already registered").
const FIELD_NAMES = { pad_id: 'Pad', current_password: 'Current password', new_password: 'New password' };

/** Turns a server field message into a sentence: ("email", "is already registered") -> "Email is already registered." */
export function serverMessage(field, message) {
  const text = String(message).trim();
  if (!/^[a-z]/.test(text)) return text;
  const name = FIELD_NAMES[field] || `${field.charAt(0).toUpperCase()}${field.slice(1).replace(/_/g, ' ')}`;
  return `${name} ${text}${/[.!?]$/.test(text) ? '' : '.'}`;
}
