import { test } from 'node:test';
import assert from 'node:assert/strict';
import { smartDate, daysBetween, fullDate } from '../src/lib/dates.js';

const en = { locale: 'en-GB', timeZone: 'UTC', now: new Date('2024-03-10T15:30:00Z') };

test('same calendar day reads "Today at HH:MM"', () => {
  assert.equal(smartDate('2024-03-10T14:05:00Z', en), 'Today at 14:05');
  assert.equal(smartDate('2024-03-10T00:00:00Z', en), 'Today at 00:00');
});

test('previous calendar day reads "Yesterday at HH:MM", even less than 24 h ago', () => {
  assert.equal(smartDate('2024-03-09T09:12:00Z', en), 'Yesterday at 09:12');
  assert.equal(smartDate('2024-03-09T23:59:00Z', en), 'Yesterday at 23:59');
});

test('2 to 7 days ago reads "N days ago", 8 days ago is the date', () => {
  assert.equal(smartDate('2024-03-08T10:00:00Z', en), '2 days ago');
  assert.equal(smartDate('2024-03-07T10:00:00Z', en), '3 days ago');
  assert.equal(smartDate('2024-03-03T00:01:00Z', en), '7 days ago');
  assert.equal(smartDate('2024-03-02T10:00:00Z', en), '2 Mar 2024');
  assert.equal(smartDate('2023-12-25T10:00:00Z', en), '25 Dec 2023');
});

test('days are counted in the user time zone, not UTC', () => {
  // 23:30 UTC on the 9th is already the 10th in Berlin (UTC+1 in March): today there, yesterday in UTC.
  const now = new Date('2024-03-10T08:00:00Z');
  assert.equal(smartDate('2024-03-09T23:30:00Z', { ...en, now, timeZone: 'Europe/Berlin' }), 'Today at 00:30');
  assert.equal(smartDate('2024-03-09T23:30:00Z', { ...en, now, timeZone: 'UTC' }), 'Yesterday at 23:30');
  // New York is UTC-5: 03:00 UTC on the 10th is still the 9th there.
  assert.equal(daysBetween(new Date('2024-03-10T03:00:00Z'), now, 'America/New_York'), 1);
});

test('daylight-saving days still count as one day', () => {
  const now = new Date('2024-03-31T12:00:00Z'); // Europe switches to summer time that night
  assert.equal(daysBetween(new Date('2024-03-30T12:00:00Z'), now, 'Europe/Berlin'), 1);
  assert.equal(daysBetween(new Date('2024-03-28T12:00:00Z'), now, 'Europe/Berlin'), 3);
});

test('time follows the locale (12-hour clock in en-US)', () => {
  assert.match(smartDate('2024-03-10T14:05:00Z', { ...en, locale: 'en-US' }), /^Today at 02:05\sPM$/);
  assert.equal(smartDate('2024-03-02T10:00:00Z', { ...en, locale: 'en-US' }), 'Mar 2, 2024');
});

test('a time slightly in the future (clock skew) is today; garbage gives an empty string', () => {
  assert.equal(smartDate('2024-03-10T15:31:00Z', en), 'Today at 15:31');
  assert.equal(smartDate('not a date', en), '');
  assert.equal(fullDate('nope', en), '');
});

test('fullDate gives date and time for tooltips', () => {
  assert.equal(fullDate('2024-03-10T14:05:00Z', { locale: 'en-GB', timeZone: 'UTC' }), '10 March 2024 at 14:05');
});
