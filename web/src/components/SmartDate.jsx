import { smartDate, fullDate } from '../lib/dates.js';

/** A time as people read it ("Yesterday at 09:12"), with the exact date in `title` and `datetime`. */
export function SmartDate({ value }) {
  return <time dateTime={value} title={fullDate(value)}>{smartDate(value)}</time>;
}
