// Smart dates: "Today at 14:05", "Yesterday at 09:12", "3 days ago" (2-7 days), then the date,
// in the user's locale and time zone. Pure: `now`, `locale` and `timeZone` can be passed in (tests do).

const DAY_MS = 86400000;

// The calendar day of `date` in `timeZone`, as a day number (days since 1970-01-01 of that zone's calendar).
function dayNumber(date, timeZone) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, year: 'numeric', month: 'numeric', day: 'numeric',
  }).formatToParts(date);
  const get = (type) => Number(parts.find((p) => p.type === type).value);
  return Math.round(Date.UTC(get('year'), get('month') - 1, get('day')) / DAY_MS);
}

// Whole calendar days between `date` and `now` in `timeZone` (0 = same day; negative = in the future).
export function daysBetween(date, now, timeZone) {
  return dayNumber(now, timeZone) - dayNumber(date, timeZone);
}

function timeOf(date, locale, timeZone) {
  return new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit' }).format(date);
}

/**
 * Formats an RFC 3339 time (or Date) for people.
 * @param {string|Date} value
 * @param {{now?: Date, locale?: string, timeZone?: string}} [opts]
 */
export function smartDate(value, opts = {}) {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  const now = opts.now || new Date();
  const locale = opts.locale;
  const timeZone = opts.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone;
  const days = daysBetween(date, now, timeZone);
  // A time slightly in the future (clock skew between server and browser) still reads as today.
  if (days <= 0) return `Today at ${timeOf(date, locale, timeZone)}`;
  if (days === 1) return `Yesterday at ${timeOf(date, locale, timeZone)}`;
  if (days <= 7) return `${days} days ago`;
  return new Intl.DateTimeFormat(locale, { timeZone, year: 'numeric', month: 'short', day: 'numeric' }).format(date);
}

/** Full, unambiguous date and time (for the `title`/`datetime` of a smart date). */
export function fullDate(value, opts = {}) {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(opts.locale, {
    timeZone: opts.timeZone, dateStyle: 'long', timeStyle: 'short',
  }).format(date);
}
