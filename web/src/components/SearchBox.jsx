// The search box above a notes list: a GET form, so the words live in the URL (?q=...) like the sort order, and
// reload, back and shared links keep the search.
import { listUrl } from '../lib/routes.js';
import { navigate } from '../lib/nav.js';

/** order: the list's order when it is not the default (kept across searches), else undefined. */
export function SearchBox({ path, order, q }) {
  function submit(e) {
    e.preventDefault();
    const words = new FormData(e.currentTarget).get('q').trim();
    navigate(listUrl(path, { order, q: words }));
  }
  return (
    <form role="search" class="search" action={path} method="get" onSubmit={submit}>
      <label for="search-q" class="visually-hidden">Search notes</label>
      <input id="search-q" type="search" name="q" defaultValue={q} key={q} maxLength={200}
        placeholder="Search notes" autoComplete="off" />
      <button type="submit" class="button">Search</button>
      {q && <a href={listUrl(path, { order })} class="clear-search">Clear search</a>}
    </form>
  );
}
