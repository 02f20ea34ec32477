// "All notes (N)" and a pad's page "<pad> (N)": the search box, the sortable notes table, empty states and
// "Load more". Order and search words live in the URL (?order=...&q=...).
import { DEFAULT_ORDER, orderFrom, searchFrom } from '../lib/routes.js';
import { useSession } from '../session.js';
import { useLoad, usePaged, useTitle } from '../hooks.js';
import { NotesTable } from '../components/NotesTable.jsx';
import { SearchBox } from '../components/SearchBox.jsx';
import { ErrorState, Loaded, Loading } from '../components/States.jsx';

const PAGE = 50;

function NotesList({ list, order, q, path, showPad, empty }) {
  if (list.error) return <Loaded res={list}>{() => null}</Loaded>;
  if (list.loading) return <Loading what={q ? 'Searching…' : 'Loading notes…'} />;
  if (list.items.length === 0) return <p class="empty">{q ? `No notes match “${q}”.` : empty}</p>;
  return (
    <>
      <NotesTable items={list.items} order={order} q={q} path={path} showPad={showPad} />
      {list.moreError && <ErrorState error={list.moreError} />}
      {list.nextCursor && (
        <p>
          <button type="button" class="button" onClick={list.loadMore} disabled={list.loadingMore}
            aria-busy={list.loadingMore ? 'true' : undefined}>
            {list.loadingMore ? 'Loading…' : 'Load more'}
          </button>
        </p>
      )}
    </>
  );
}

// N in "All notes (N)": the API's total (asked for with the first page), else what is loaded ("50+").
function countOf(list) {
  if (list.data && typeof list.data.total === 'number') return String(list.data.total);
  return `${list.items.length}${list.nextCursor ? '+' : ''}`;
}

// The order to keep in URLs the search box makes: only one the user chose.
const chosen = (order) => (order === DEFAULT_ORDER ? undefined : order);

export function AllNotes({ query }) {
  const { api } = useSession();
  const order = orderFrom(query.toString());
  const q = searchFrom(query.toString());
  const list = usePaged((cursor) => api.listNotes({ order, q: q || undefined, limit: PAGE, cursor,
    include: cursor ? undefined : 'total' }), [order, q]);
  const what = q ? `Notes matching “${q}”` : 'All notes';
  const title = list.data ? `${what} (${countOf(list)})` : what;
  useTitle(title);
  return (
    <section aria-labelledby="page-title">
      <div class="page-head">
        <h1 id="page-title">{title}</h1>
        <a href="/notes/new" class="button primary">New note</a>
      </div>
      <SearchBox path="/" order={chosen(order)} q={q} />
      <NotesList list={list} order={order} q={q} path="/" showPad
        empty={<a href="/notes/new">Create your first note.</a>} />
    </section>
  );
}

export function PadNotes({ params, query }) {
  const { api } = useSession();
  const order = orderFrom(query.toString());
  const q = searchFrom(query.toString());
  const pad = useLoad(() => api.getPad(params.id), [params.id]);
  const list = usePaged((cursor) => api.listPadNotes(params.id, { order, q: q || undefined, limit: PAGE, cursor }),
    [params.id, order, q]);
  useTitle(pad.data ? pad.data.name : null);
  return (
    <Loaded res={pad}>
      {(p) => (
        <section aria-labelledby="page-title">
          <div class="page-head">
            <h1 id="page-title">{p.name} ({p.notes_count})</h1>
            <a href={`/notes/new?pad=${p.id}`} class="button primary">New note</a>
            <a href={`/pads/${p.id}/edit`} class="button">Pad settings</a>
          </div>
          <SearchBox path={`/pads/${p.id}`} order={chosen(order)} q={q} />
          <NotesList list={list} order={order} q={q} path={`/pads/${p.id}`}
            empty={<a href={`/notes/new?pad=${p.id}`}>Create first note in the pad.</a>} />
        </section>
      )}
    </Loaded>
  );
}
