// "All notes (N)" and a pad's page "<pad> (N)": the sortable notes table, empty states and "Load more".
import { orderFrom } from '../lib/routes.js';
import { useSession } from '../session.js';
import { useLoad, usePaged, useTitle } from '../hooks.js';
import { NotesTable } from '../components/NotesTable.jsx';
import { ErrorState, Loaded, Loading } from '../components/States.jsx';

const PAGE = 50;

function NotesList({ list, order, path, showPad, empty }) {
  if (list.error) return <Loaded res={list}>{() => null}</Loaded>;
  if (list.loading) return <Loading what="Loading notes…" />;
  if (list.items.length === 0) return <p class="empty">{empty}</p>;
  return (
    <>
      <NotesTable items={list.items} order={order} path={path} showPad={showPad} />
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

export function AllNotes({ query }) {
  const { api } = useSession();
  const order = orderFrom(query.toString());
  const list = usePaged((cursor) => api.listNotes({ order, limit: PAGE, cursor, include: cursor ? undefined : 'total' }), [order]);
  const title = list.data ? `All notes (${countOf(list)})` : 'All notes';
  useTitle(title);
  return (
    <section aria-labelledby="page-title">
      <div class="page-head">
        <h1 id="page-title">{title}</h1>
        <a href="/notes/new" class="button primary">New note</a>
      </div>
      <NotesList list={list} order={order} path="/" showPad
        empty={<a href="/notes/new">Create your first note.</a>} />
    </section>
  );
}

export function PadNotes({ params, query }) {
  const { api } = useSession();
  const order = orderFrom(query.toString());
  const pad = useLoad(() => api.getPad(params.id), [params.id]);
  const list = usePaged((cursor) => api.listPadNotes(params.id, { order, limit: PAGE, cursor }), [params.id, order]);
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
          <NotesList list={list} order={order} path={`/pads/${p.id}`}
            empty={<a href={`/notes/new?pad=${p.id}`}>Create first note in the pad.</a>} />
        </section>
      )}
    </Loaded>
  );
}
