// The notes table with sortable "Note" and "Last modified" columns (the order lives in the URL: ?order=...).
import { ariaSort, listUrl, nextOrder } from '../lib/routes.js';
import { SmartDate } from './SmartDate.jsx';

const DIRECTION = { name: ['A to Z', 'Z to A'], updated_at: ['oldest first', 'newest first'] };

function SortHeader({ column, label, order, path, q, class: cls }) {
  const next = nextOrder(order, column);
  const sort = ariaSort(order, column);
  const arrow = sort === 'ascending' ? '▲' : sort === 'descending' ? '▼' : '';
  const howNext = DIRECTION[column][next.startsWith('-') ? 1 : 0];
  return (
    <th scope="col" aria-sort={sort} class={cls}>
      <a href={listUrl(path, { order: next, q })} class="sort">
        {label}<span class="visually-hidden">, sort {howNext}</span>
        {arrow && <span aria-hidden="true" class="arrow">{arrow}</span>}
      </a>
    </th>
  );
}

export function NotesTable({ items, order, path, showPad, q = '' }) {
  return (
    <table class={showPad ? 'notes with-pad' : 'notes'}>
      <thead>
        <tr>
          <SortHeader column="name" label="Note" order={order} path={path} q={q} class="col-note" />
          {showPad && <th scope="col" class="col-pad">Pad</th>}
          <SortHeader column="updated_at" label="Last modified" order={order} path={path} q={q} class="col-date" />
        </tr>
      </thead>
      <tbody>
        {items.map((note) => (
          <tr key={note.id}>
            <td class="note-name"><a href={`/notes/${note.id}`}>{note.name}</a></td>
            {showPad && (
              <td class="pad-name">
                {note.pad ? <a href={`/pads/${note.pad.id}`}>{note.pad.name}</a> : <span class="muted">No pad</span>}
              </td>
            )}
            <td class="date"><SmartDate value={note.updated_at} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
