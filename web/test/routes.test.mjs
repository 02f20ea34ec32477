import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchRoute, orderFrom, nextOrder, ariaSort, safeNext, signInUrl, searchFrom, listUrl } from '../src/lib/routes.js';

test('routes match with positive integer ids only', () => {
  assert.deepEqual(matchRoute('/notes/42'), { name: 'note', params: { id: '42' }, public: false, guestOnly: false });
  assert.equal(matchRoute('/notes/new').name, 'noteNew');
  assert.equal(matchRoute('/pads/7/edit').name, 'padEdit');
  assert.equal(matchRoute('/pads/7/delete/').name, 'padDelete', 'a trailing slash is ignored');
  assert.equal(matchRoute('/').name, 'notes');
  assert.equal(matchRoute('/signin').public, true);
  for (const bad of ['/notes/0', '/notes/-1', '/notes/abc', '/notes/1.5', '/nope', '/notes/1/x', '/pads']) {
    assert.equal(matchRoute(bad).name, 'notFound', bad);
  }
});

test('sort order comes from ?order= and falls back to newest first', () => {
  assert.equal(orderFrom('?order=name'), 'name');
  assert.equal(orderFrom('?order=-name'), '-name');
  assert.equal(orderFrom('?order=updated_at'), 'updated_at');
  assert.equal(orderFrom(''), '-updated_at');
  assert.equal(orderFrom('?order=drop%20table'), '-updated_at');
});

test('column headers toggle direction and report aria-sort', () => {
  assert.equal(nextOrder('-updated_at', 'name'), 'name');
  assert.equal(nextOrder('name', 'name'), '-name');
  assert.equal(nextOrder('-name', 'name'), 'name');
  assert.equal(nextOrder('-updated_at', 'updated_at'), 'updated_at');
  assert.equal(nextOrder('updated_at', 'updated_at'), '-updated_at');
  assert.equal(nextOrder('name', 'updated_at'), '-updated_at');
  assert.equal(ariaSort('-name', 'name'), 'descending');
  assert.equal(ariaSort('name', 'name'), 'ascending');
  assert.equal(ariaSort('name', 'updated_at'), 'none');
});

test('the page after sign-in is always a path of this app', () => {
  assert.equal(safeNext('/notes/3?x=1'), '/notes/3?x=1');
  for (const bad of ['//evil.example/x', 'https://evil.example', '/\\evil.example', null, '', 'notes', '/signin']) {
    assert.equal(safeNext(bad), '/', String(bad));
  }
  assert.equal(signInUrl('/pads/2?order=name'), '/signin?next=%2Fpads%2F2%3Forder%3Dname');
  assert.equal(signInUrl('/'), '/signin');
});

test('search words come from ?q= trimmed, and list URLs carry order and words, each only when given', () => {
  assert.equal(searchFrom(''), '');
  assert.equal(searchFrom('?q=+flour++milk+'), 'flour  milk');
  assert.equal(searchFrom('?order=name&q=%E6%9D%B1%E4%BA%AC'), '東京');
  assert.equal(listUrl('/'), '/');
  assert.equal(listUrl('/', { order: 'name' }), '/?order=name');
  assert.equal(listUrl('/pads/3', { order: '-name', q: 'a&b=c #1' }), '/pads/3?order=-name&q=a%26b%3Dc+%231');
  assert.equal(searchFrom(listUrl('/', { q: '50% off' }).split('?')[1]), '50% off', 'round trip');
});
