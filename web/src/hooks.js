// Small hooks shared by the pages: data loading with loading/error states, paged lists, forms, page titles.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, AuthError } from './lib/api.js';
import { serverMessage } from './lib/validate.js';

export function useTitle(title) {
  useEffect(() => {
    document.title = title ? `${title} · Notejam` : 'Notejam';
  }, [title]);
}

/** Runs `load` when `deps` change; { loading, data, error, reload }. */
export function useLoad(load, deps) {
  const [state, setState] = useState({ loading: true, data: null, error: null });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setState({ loading: true, data: null, error: null });
    load().then(
      (data) => live && setState({ loading: false, data, error: null }),
      (error) => live && setState({ loading: false, data: null, error }),
    );
    return () => { live = false; };
  }, [...deps, attempt]);
  return { ...state, reload: () => setAttempt((n) => n + 1) };
}

/** A list answered as { items, next_cursor }: first page on `deps` change, then loadMore() appends. */
export function usePaged(loadPage, deps) {
  const first = useLoad(() => loadPage(null), deps);
  const fresh = { base: first.data, items: [], cursor: undefined, busy: false, error: null };
  const [stored, setMore] = useState(fresh);
  // Pages loaded for an earlier first page (another order, another pad) are dropped.
  const more = stored.base === first.data ? stored : fresh;
  const cursor = more.cursor === undefined ? first.data && first.data.next_cursor : more.cursor;
  async function loadMore() {
    const base = first.data;
    setMore({ ...more, busy: true, error: null });
    try {
      const page = await loadPage(cursor);
      setMore((m) => (m.base === base
        ? { ...m, items: [...m.items, ...page.items], cursor: page.next_cursor, busy: false } : m));
    } catch (error) {
      setMore((m) => (m.base === base ? { ...m, busy: false, error } : m));
    }
  }
  const items = first.data ? [...first.data.items, ...more.items] : [];
  return { ...first, items, nextCursor: cursor || null, loadMore, loadingMore: more.busy, moreError: more.error };
}

/**
 * Form state with client validation and the server's per-field errors.
 * submit(event) validates, runs `action(values)`, and maps an ApiError's `errors` onto the fields.
 */
export function useForm(initial, { validate, action, fieldOf = (f) => f }) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState({});
  const [formError, setFormError] = useState(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef(null);
  const live = useRef(true);
  useEffect(() => () => { live.current = false; }, []);

  useEffect(() => {
    const form = formRef.current;
    const bad = form && (form.querySelector('[aria-invalid="true"]') || form.querySelector('.form-error'));
    if (bad) bad.focus();
  }, [errors, formError]);

  function showProblem(err) {
    if (err instanceof ApiError && Object.keys(err.fields).length) {
      const mapped = {};
      const other = [];
      for (const [field, messages] of Object.entries(err.fields)) {
        const name = fieldOf(field);
        const list = (Array.isArray(messages) ? messages : [messages]).map((m) => serverMessage(field, m));
        if (name && name in initial) mapped[name] = list;
        else other.push(...list);
      }
      setErrors(mapped);
      setFormError(other.length ? other.join(' ') : null);
    } else if (err instanceof ApiError && err.status === 429) {
      const after = err.retryAfter;
      setFormError(`Too many attempts. Please wait${after ? ` ${after} seconds` : ' a minute'} and try again.`);
    } else {
      setFormError(err.message);
    }
  }

  async function submit(e) {
    e.preventDefault();
    if (busy) return;
    const found = validate ? validate(values) : {};
    setFormError(null);
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await action(values, { setValues, setFormError });
    } catch (err) {
      if (!(err instanceof AuthError) && live.current) showProblem(err);
    } finally {
      if (live.current) setBusy(false);
    }
  }

  const field = (name) => ({
    name,
    value: values[name],
    errors: errors[name],
    onInput: (e) => {
      const { value } = e.currentTarget;
      setValues((v) => ({ ...v, [name]: value }));
    },
  });
  return { values, setValues, errors, formError, setFormError, busy, submit, field, formRef };
}
