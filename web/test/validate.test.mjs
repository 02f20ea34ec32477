import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  emailProblem, passwordProblem, validateSignUp, validateSignIn, validateChangePassword, validateNewPassword,
  validatePad, validateNote, validateForgot, hasErrors, chars, serverMessage,
} from '../src/lib/validate.js';

test('emails: one @, a dotted domain, no spaces, 3..254 bytes', () => {
  for (const ok of ['a@b.co', ' ann@example.com ', 'x.y+z@mail.example.org']) assert.equal(emailProblem(ok), null, ok);
  for (const bad of ['', 'ann', 'ann@', '@example.com', 'ann@example', 'a b@example.com', 'a@b@c.com',
    'ann@example..com', 'ann@.com', `${'a'.repeat(250)}@b.co`, 'tab\t@example.com']) {
    assert.notEqual(emailProblem(bad), null, bad);
  }
});

test('passwords: 8..128 code points, any characters', () => {
  assert.equal(passwordProblem('12345678'), null);
  assert.match(passwordProblem('1234567'), /at least 8/);
  assert.equal(passwordProblem('😀'.repeat(8)), null, 'emoji count as one character each');
  assert.equal(passwordProblem('x'.repeat(128)), null);
  assert.match(passwordProblem('x'.repeat(129)), /at most 128/);
  assert.match(passwordProblem(''), /Enter a password/);
  assert.equal(chars('😀a'), 2);
});

test('sign-up checks the repeated password, sign-in only asks for both fields', () => {
  assert.deepEqual(validateSignUp({ email: 'a@b.co', password: 'secret123', repeat: 'secret123' }), {});
  assert.deepEqual(Object.keys(validateSignUp({ email: 'a@b.co', password: 'secret123', repeat: 'secret124' })),
    ['repeat']);
  assert.deepEqual(Object.keys(validateSignUp({ email: 'nope', password: 'short', repeat: '' })).sort(),
    ['email', 'password']);
  assert.deepEqual(Object.keys(validateSignIn({ email: ' ', password: '' })).sort(), ['email', 'password']);
  assert.deepEqual(validateSignIn({ email: 'a@b.co', password: 'x' }), {}, 'no length rule on sign-in');
  assert.deepEqual(Object.keys(validateForgot({ email: 'x' })), ['email']);
});

test('password change names the API fields, so server errors land on the same inputs', () => {
  assert.deepEqual(Object.keys(validateChangePassword({ current: '', password: 'short', repeat: '' })).sort(),
    ['current_password', 'new_password']);
  assert.deepEqual(validateChangePassword({ current: 'old', password: 'newsecret', repeat: 'newsecret' }), {});
  assert.deepEqual(Object.keys(validateNewPassword({ password: 'newsecret', repeat: 'other' })), ['repeat']);
});

test('pad and note names: 1..100 characters after trimming; note text up to 20000', () => {
  assert.ok(hasErrors(validatePad({ name: '   ' })));
  assert.ok(!hasErrors(validatePad({ name: ' Work ' })));
  assert.ok(!hasErrors(validatePad({ name: 'p'.repeat(100) })));
  assert.ok(hasErrors(validatePad({ name: 'p'.repeat(101) })));
  assert.ok(!hasErrors(validateNote({ name: 'n', text: '' })));
  assert.ok(!hasErrors(validateNote({ name: 'n', text: 't'.repeat(20000) })));
  assert.deepEqual(Object.keys(validateNote({ name: '', text: 't'.repeat(20001) })).sort(), ['name', 'text']);
});

test('server field messages become sentences next to their field', () => {
  assert.equal(serverMessage('email', 'is already registered'), 'Email is already registered.');
  assert.equal(serverMessage('current_password', 'is not correct'), 'Current password is not correct.');
  assert.equal(serverMessage('pad_id', 'is not one of your pads'), 'Pad is not one of your pads.');
  assert.equal(serverMessage('name', 'must be a string.'), 'Name must be a string.');
  assert.equal(serverMessage('email', 'Already a sentence.'), 'Already a sentence.');
});
