/**
 * The page's script, served at /app.js: live updates over Server-Sent Events, bookmarks, the
 * score forms, the list filters, and what pages load on demand (a big waterfall's rows and
 * their content, the whole of a clipped value). Plain ES2020 with no build step; it only ever
 * moves markup that the server rendered (and escaped), or sets text, never builds markup
 * from data.
 */
export const CLIENT_SCRIPT = `'use strict';
(() => {
  const body = document.body;
  const status = document.getElementById('live-status');
  let busy = false;
  let again = false;

  function wanted(update) {
    const scope = body.dataset.live || 'all';
    if (scope === 'all') return true;
    if (scope.startsWith('session:')) return update.sessionIds.includes(scope.slice(8));
    if (scope.startsWith('trace:')) return update.traceIds.includes(scope.slice(6));
    return false;
  }

  function typingScore() {
    return [...document.querySelectorAll('form.score input')].some((input) => input.value !== '');
  }

  // Markup the server rendered for a part of a page, as nodes to insert.
  async function fragment(url) {
    const response = await fetch(url, { headers: { accept: 'text/html' } });
    if (!response.ok) throw new Error(await response.text());
    return [...new DOMParser().parseFromString(await response.text(), 'text/html').body.childNodes];
  }

  // Shows or hides a waterfall row's children, loading them the first time.
  async function expand(twist, open) {
    const node = twist.closest('[data-node]');
    const children = node && node.querySelector(':scope > .wf-children');
    if (!children || twist.dataset.loading) return;
    if (open && !children.hasChildNodes()) {
      twist.dataset.loading = '1';
      try {
        children.replaceChildren(...(await fragment(twist.dataset.rows)));
      } finally {
        delete twist.dataset.loading;
      }
    }
    children.hidden = !open;
    twist.setAttribute('aria-expanded', open ? 'true' : 'false');
    twist.textContent = (open ? '\u25BE' : '\u25B8') + twist.textContent.slice(1);
  }

  function twistStates(root) {
    return [...root.querySelectorAll('.wf-twist')].map((twist) => ({
      node: twist.closest('[data-node]').dataset.node,
      open: twist.getAttribute('aria-expanded') === 'true',
    }));
  }

  // Parents come before their children in document order, so each is loaded in time.
  async function restoreTwists(root, states) {
    for (const state of states) {
      const twist = root.querySelector('[data-node="' + CSS.escape(state.node) + '"] .wf-twist');
      if (twist && (twist.getAttribute('aria-expanded') === 'true') !== state.open) await expand(twist, state.open);
    }
  }

  // Fetches this page again and swaps its main part, keeping open rows and the focused field.
  async function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    try {
      const response = await fetch(location.href, { headers: { accept: 'text/html' } });
      if (!response.ok) return;
      const next = new DOMParser().parseFromString(await response.text(), 'text/html');
      const main = document.getElementById('live');
      const fresh = next.getElementById('live');
      if (!main || !fresh) return;
      const open = new Set([...main.querySelectorAll('details[open][data-key]')].map((d) => d.dataset.key));
      const twists = twistStates(main);
      const active = document.activeElement;
      const focus = active && main.contains(active) && active.name
        ? { name: active.name, start: active.selectionStart, end: active.selectionEnd }
        : undefined;
      main.replaceChildren(...fresh.childNodes);
      await restoreTwists(main, twists);
      for (const d of main.querySelectorAll('details[data-key]')) if (open.has(d.dataset.key)) d.open = true;
      if (focus) {
        const field = main.querySelector('[name="' + CSS.escape(focus.name) + '"]');
        if (field) {
          field.focus();
          if (typeof focus.start === 'number' && field.setSelectionRange) field.setSelectionRange(focus.start, focus.end);
        }
      }
      document.title = next.title;
    } finally {
      busy = false;
      if (again) { again = false; refresh(); }
    }
  }

  function connect() {
    const events = new EventSource('/events');
    events.addEventListener('open', () => { status.textContent = 'live'; status.classList.add('on'); });
    events.addEventListener('error', () => { status.textContent = 'reconnecting…'; status.classList.remove('on'); });
    events.addEventListener('update', (event) => {
      const update = JSON.parse(event.data);
      if (!wanted(update)) return;
      if (typingScore()) { again = true; return; }
      refresh();
    });
  }

  async function send(method, url, payload) {
    const response = await fetch(url, {
      method,
      headers: payload ? { 'content-type': 'application/json' } : {},
      body: payload ? JSON.stringify(payload) : undefined,
    });
    if (!response.ok) throw new Error(await response.text());
  }

  document.addEventListener('click', async (event) => {
    const twist = event.target.closest('[data-twist]');
    if (twist) {
      // Inside a row's summary: expanding the children must not also open the row.
      event.preventDefault();
      await expand(twist, twist.getAttribute('aria-expanded') !== 'true');
      return;
    }
    const more = event.target.closest('[data-more]');
    if (more) {
      more.disabled = true;
      try {
        more.replaceWith(...(await fragment(more.dataset.more)));
      } catch {
        more.disabled = false;
      }
      return;
    }
    const all = event.target.closest('[data-show-all]');
    if (all) {
      const clip = all.closest('.clip');
      const target = clip && clip.querySelector('.clip-body');
      if (!target) return;
      event.preventDefault();
      const response = await fetch(all.href);
      if (!response.ok) return;
      target.textContent = await response.text();
      all.closest('.clip-note').remove();
      return;
    }
    const star = event.target.closest('[data-bookmark]');
    if (star) {
      event.preventDefault();
      const url = '/api/sessions/' + encodeURIComponent(star.dataset.bookmark) + '/bookmark';
      await send(star.dataset.on ? 'DELETE' : 'PUT', url);
      refresh();
      return;
    }
    const remove = event.target.closest('[data-delete-score]');
    if (remove) {
      event.preventDefault();
      await send('DELETE', '/api/scores/' + encodeURIComponent(remove.dataset.deleteScore));
      refresh();
    }
  });

  // A big trace's rows carry no content; it loads when a row is first opened.
  document.addEventListener('toggle', async (event) => {
    const row = event.target;
    if (!(row instanceof HTMLDetailsElement) || !row.open || !row.dataset.detail || row.dataset.loaded) return;
    row.dataset.loaded = '1';
    const box = row.querySelector(':scope > .wf-detail');
    try {
      box.replaceChildren(...(await fragment(row.dataset.detail)));
    } catch (failure) {
      delete row.dataset.loaded;
      box.textContent = failure.message;
    }
  }, true);

  document.addEventListener('submit', async (event) => {
    const form = event.target;
    if (form.matches('form.score')) {
      event.preventDefault();
      const data = new FormData(form);
      const raw = String(data.get('value')).trim();
      const numeric = /^-?(\\d+\\.?\\d*|\\.\\d+)(e-?\\d+)?$/i.test(raw);
      const error = form.querySelector('.form-error');
      try {
        await send('POST', '/api/scores', {
          targetType: form.dataset.targetType,
          targetId: form.dataset.targetId,
          name: String(data.get('name')),
          value: numeric ? Number(raw) : raw,
          comment: String(data.get('comment') || ''),
        });
        form.reset();
        refresh();
      } catch (failure) {
        error.textContent = failure.message;
      }
      return;
    }
    if (form.matches('[data-autosubmit]')) {
      event.preventDefault();
      applyFilters(form);
    }
  });

  // Filters change the address and refresh in place, so typing in the search box keeps focus.
  function applyFilters(form) {
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form)) if (value !== '') params.set(key, String(value));
    const query = params.toString();
    history.replaceState(null, '', form.getAttribute('action') + (query ? '?' + query : ''));
    refresh();
  }
  let typing;
  document.addEventListener('input', (event) => {
    const form = event.target.form;
    if (!form || !form.matches('[data-autosubmit]')) return;
    clearTimeout(typing);
    typing = setTimeout(() => applyFilters(form), event.target.type === 'search' ? 250 : 0);
  });

  connect();
})();
`;
