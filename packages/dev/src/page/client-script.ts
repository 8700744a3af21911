/**
 * The page's script, served at /app.js: live updates over Server-Sent Events, bookmarks, the
 * score forms and the list filters. Plain ES2020 with no build step; it only ever moves markup
 * that the server rendered (and escaped), never builds markup from data.
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
      const active = document.activeElement;
      const focus = active && main.contains(active) && active.name
        ? { name: active.name, start: active.selectionStart, end: active.selectionEnd }
        : undefined;
      main.replaceChildren(...fresh.childNodes);
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
