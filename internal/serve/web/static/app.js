// Storyline's web page: a small single-page application over the JSON API (/api/v1).
//
// Security rule: text that comes from articles is only ever put in the page as text
// (createTextNode / textContent) or as attribute values set with setAttribute on a fixed list
// of harmless attributes. Nothing is parsed as HTML. Links are built by the page itself
// (#/article/<id>) or, for an article's own address, only when it is http(s).
'use strict';

(function () {
  const API = '/api/v1';
  const main = document.getElementById('main');
  const RTL = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'yi', 'dv', 'ckb']);
  const LANG_NAMES = { en: 'English', ar: 'العربية', fr: 'Français', es: 'Español', de: 'Deutsch', ru: 'Русский', tr: 'Türkçe', und: 'unknown' };
  const SAFE_ATTRS = new Set(['class', 'id', 'href', 'dir', 'lang', 'title', 'role', 'type', 'name', 'value', 'placeholder',
    'for', 'min', 'max', 'start', 'action', 'tabindex', 'aria-label', 'aria-current', 'target', 'rel', 'colspan', 'selected', 'autocomplete']);
  const SVG_NS = 'http://www.w3.org/2000/svg';

  // ---- DOM helpers: text only ----

  // h builds an element; children are nodes or strings (made text nodes), arrays are flattened.
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    setAttrs(el, attrs, false);
    append(el, children);
    return el;
  }

  // s builds an SVG element; string children lose any bidirectional control characters.
  function s(tag, attrs, ...children) {
    const el = document.createElementNS(SVG_NS, tag);
    setAttrs(el, attrs, true);
    for (const c of children.flat(Infinity)) {
      if (c === undefined || c === null || c === false) continue;
      el.appendChild(c instanceof Node ? c : document.createTextNode(String(c).replace(BIDI_ALL, '')));
    }
    return el;
  }

  function setAttrs(el, attrs, svg) {
    if (!attrs) return;
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k.startsWith('on')) throw new Error('event handler attributes are not allowed: ' + k);
      if (k.startsWith('data-')) { el.setAttribute(k, String(v)); continue; }
      if (!svg && !SAFE_ATTRS.has(k)) throw new Error('attribute not allowed: ' + k);
      if ((k === 'href' || k === 'action') && !safeHref(String(v))) continue;
      el.setAttribute(k, v === true ? '' : String(v));
    }
  }

  function append(el, children) {
    for (const c of children.flat(Infinity)) {
      if (c === undefined || c === null || c === false) continue;
      if (c instanceof Node) { el.appendChild(c); continue; }
      for (const n of plain(String(c))) el.appendChild(n);
    }
  }

  // Bidirectional embedding and override controls (U+202A-U+202E, U+2066-U+2069) can make text
  // read differently from what it is ("exe.gnp" shown as "png.exe"): they are never passed to
  // the page; each is shown as a visible marker instead.
  const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;
  const BIDI_ALL = /[\u202A-\u202E\u2066-\u2069]/g;
  const BIDI_NAMES = { '\u202A': 'LRE', '\u202B': 'RLE', '\u202C': 'PDF', '\u202D': 'LRO', '\u202E': 'RLO',
    '\u2066': 'LRI', '\u2067': 'RLI', '\u2068': 'FSI', '\u2069': 'PDI' };
  function plain(str) {
    if (!BIDI_CONTROLS.test(str)) return [document.createTextNode(str)];
    const out = [];
    let run = '';
    for (const ch of str) {
      if (BIDI_NAMES[ch]) {
        if (run) out.push(document.createTextNode(run));
        run = '';
        const m = document.createElement('span');
        m.className = 'bidi-ctl';
        m.setAttribute('title', 'bidirectional control character ' + BIDI_NAMES[ch] + ' (U+' + ch.codePointAt(0).toString(16).toUpperCase() + '), not applied');
        m.textContent = BIDI_NAMES[ch];
        out.push(m);
      } else {
        run += ch;
      }
    }
    if (run) out.push(document.createTextNode(run));
    return out;
  }

  // safeHref allows the page's own routes and http(s) addresses only.
  function safeHref(u) {
    return u.startsWith('#/') || u.startsWith('/api/') || /^https?:\/\//i.test(u);
  }

  // text isolates a piece of article text: its own direction, never leaking into what is around.
  function text(str, lang, cls) {
    return h('bdi', { dir: 'auto', lang: lang || undefined, class: cls }, str || '');
  }

  function dirOf(lang) { return RTL.has(lang) ? 'rtl' : 'ltr'; }
  function langName(l) { return LANG_NAMES[l] || l; }
  function langBadge(l) { return h('span', { class: 'lang lang-' + cssSafe(l), title: langName(l) }, l); }
  function cssSafe(x) { return String(x).replace(/[^a-z0-9_-]/gi, '_'); }
  function route(...parts) { return '#/' + parts.map(encodeURIComponent).join('/'); }
  function fmtDate(d) { return d || 'undated'; }
  function plural(n, one, many) { return n + ' ' + (n === 1 ? one : many); }

  // ---- API ----

  async function api(path, params) {
    const q = params ? '?' + new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== '')).toString() : '';
    const res = await fetch(API + path + q, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    let body;
    try { body = await res.json(); } catch (e) { body = null; }
    if (!res.ok) {
      const msg = body && body.error ? body.error.message : res.status + ' ' + res.statusText;
      const err = new Error(msg);
      err.status = res.status;
      throw err;
    }
    return body;
  }

  // ---- router ----

  function parseHash() {
    const raw = location.hash.replace(/^#\/?/, '');
    const [path, query] = raw.split('?');
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    return { parts, params: new URLSearchParams(query || '') };
  }

  let renderSeq = 0;
  async function render() {
    const seq = ++renderSeq;
    const { parts, params } = parseHash();
    const view = { '': viewStories, stories: viewStories, story: viewStory, article: viewArticle, entity: viewEntity,
      entities: viewEntities, search: viewSearch }[parts[0] || ''] || viewNotFound;
    document.body.setAttribute('data-view', parts[0] || 'stories');
    const box = document.getElementById('search-box');
    if (parts[0] !== 'search') box.value = '';
    main.replaceChildren(h('p', { class: 'note' }, 'Loading…'));
    try {
      const content = await view(parts.slice(1), params);
      if (seq !== renderSeq) return;
      main.replaceChildren(content);
    } catch (err) {
      if (seq !== renderSeq) return;
      main.replaceChildren(h('div', { class: 'error', role: 'alert' },
        h('h1', null, err.status === 404 ? 'Not found' : 'Something went wrong'), h('p', null, err.message)));
    }
    document.body.setAttribute('data-ready', String(seq));
  }

  function viewNotFound() {
    return h('div', { class: 'error' }, h('h1', null, 'Not found'), h('p', null, 'No such page. ', h('a', { href: '#/' }, 'Back to the stories')));
  }

  // ---- stories ----

  function storyCard(st) {
    const langs = Object.keys(st.languages || {}).sort();
    return h('li', { class: 'story-card', 'data-id': st.id },
      h('a', { class: 'story-link', href: route('story', st.id) },
        h('div', { class: 'story-titles' },
          langs.filter(l => st.titles && st.titles[l]).map(l =>
            h('p', { class: 'story-title', dir: dirOf(l), lang: l }, langBadge(l), ' ', text(st.titles[l], l))))),
      h('p', { class: 'story-meta' },
        plural(st.articles, 'article', 'articles'), ' · ', plural(st.events, 'event', 'events'), ' · ',
        st.first ? (st.first === st.last ? st.first : st.first + ' – ' + st.last) : 'undated',
        st.recent ? h('span', { class: 'recent' }, ' · ' + st.recent + ' recent') : null),
      langBar(st.languages || {}, st.articles));
  }

  function langBar(counts, total) {
    const w = 160, bar = s('svg', { class: 'langbar', width: w, height: 8, viewBox: '0 0 ' + w + ' 8', role: 'img' });
    let x = 0;
    const labels = [];
    for (const l of Object.keys(counts).sort()) {
      const bw = total ? w * counts[l] / total : 0;
      bar.appendChild(s('rect', { x: x, y: 0, width: Math.max(bw, 1), height: 8, class: 'fill-' + cssSafe(l) }, s('title', null, langName(l) + ': ' + counts[l])));
      labels.push(langName(l) + ' ' + counts[l]);
      x += bw;
    }
    bar.setAttribute('aria-label', labels.join(', '));
    return bar;
  }

  async function viewStories() {
    const [growing, latest, status] = await Promise.all([
      api('/stories', { sort: 'growing', limit: 8 }), api('/stories', { sort: 'latest', limit: 20 }), api('/status')]);
    const total = Object.values(status.articles || {}).reduce((a, b) => a + b, 0);
    return h('div', { class: 'stories-page' },
      h('h1', null, 'Stories'),
      h('p', { class: 'note' }, plural(total, 'article', 'articles'), ' in ', Object.keys(status.articles || {}).length, ' languages, ',
        plural(status.stories, 'story', 'stories'), ', ', plural(status.events, 'event', 'events'), status.newest ? ', newest ' + status.newest : ''),
      h('div', { class: 'columns' },
        h('section', { class: 'col', id: 'growing' },
          h('h2', null, 'Growing'),
          h('p', { class: 'hint' }, 'Most articles in the 14 days up to ' + (growing.window_to || 'the newest article')),
          growing.stories.length ? h('ol', { class: 'story-list' }, growing.stories.filter(x => x.recent > 0).map(storyCard)) : h('p', { class: 'note' }, 'No stories yet.')),
        h('section', { class: 'col', id: 'latest' },
          h('h2', null, 'Latest'),
          latest.stories.length ? h('ol', { class: 'story-list' }, latest.stories.map(storyCard)) : h('p', { class: 'note' }, 'No stories yet: ingest articles with storyline ingest or POST /api/v1/articles.'))));
  }

  // ---- timelines (SVG) ----

  // dateValue turns YYYY, YYYY-MM or YYYY-MM-DD into a day number (the middle of a month or year).
  function dateValue(d) {
    if (!d) return null;
    const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(d);
    if (!m) return null;
    const y = +m[1], mo = m[2] ? +m[2] - 1 : 6, day = m[3] ? +m[3] : (m[2] ? 15 : 1);
    return Date.UTC(y, mo, day) / 86400000;
  }

  function dayLabel(v) { return new Date(v * 86400000).toISOString().slice(0, 10); }

  // timelineSVG draws items {date, label, href, size, cls, tip} on a time axis; undated ones are
  // listed after it.
  function timelineSVG(items, opts) {
    opts = opts || {};
    const W = opts.width || 900;
    const dated = items.filter(it => dateValue(it.date) !== null).sort((a, b) => dateValue(a.date) - dateValue(b.date));
    const undated = items.filter(it => dateValue(it.date) === null);
    const wrap = h('div', { class: 'timeline' });
    if (dated.length) {
      let lo = dateValue(dated[0].date), hi = dateValue(dated[dated.length - 1].date);
      if (hi - lo < 10) { lo -= 5; hi += 5; }
      const pad = 60, x = v => pad + (W - 2 * pad) * (v - lo) / (hi - lo);
      // Labels go on rows so that they do not overlap: a label extends away from the nearer edge,
      // and a right-to-left label is laid out right to left.
      const rows = [];
      const placed = dated.map(it => {
        const cx = x(dateValue(it.date));
        const label = clip(it.label || '', 34);
        const lw = 7 * Array.from(label).length + 12;
        const leftward = cx > W / 2;
        const x0 = leftward ? cx - lw : cx, x1 = leftward ? cx : cx + lw;
        let r = 0;
        while (rows[r] && rows[r].some(([a, b]) => a < x1 + 6 && x0 < b + 6)) r++;
        (rows[r] = rows[r] || []).push([x0, x1]);
        return { it, cx, r, label, leftward };
      });
      const nrows = Math.max(1, rows.length);
      const axisY = 26, rowH = 34, H = axisY + 30 + nrows * rowH;
      const svg = s('svg', { class: 'timeline-svg', width: '100%', viewBox: '0 0 ' + W + ' ' + H, role: 'img',
        'aria-label': opts.title || 'Timeline' });
      svg.appendChild(s('line', { x1: pad, y1: axisY, x2: W - pad, y2: axisY, class: 'axis' }));
      for (const t of ticks(lo, hi)) {
        const tx = x(t.v);
        svg.appendChild(s('line', { x1: tx, y1: axisY - 4, x2: tx, y2: axisY + 4, class: 'tick' }));
        svg.appendChild(s('text', { x: tx, y: axisY - 8, class: 'tick-label', 'text-anchor': 'middle' }, t.label));
      }
      for (const p of placed) {
        const ly = axisY + 30 + p.r * rowH;
        const rad = Math.max(4, Math.min(12, 3 + 2 * Math.sqrt(p.it.size || 1)));
        const rtl = /[\u0590-\u08FF]/.test(p.label);
        // text-anchor is relative to the text's direction: "start" of a right-to-left label is its right end.
        const anchor = p.leftward !== rtl ? 'end' : 'start';
        const g = s('a', p.it.href ? { href: p.it.href, class: 'tl-item ' + (p.it.cls || '') } : { class: 'tl-item ' + (p.it.cls || '') });
        g.appendChild(s('line', { x1: p.cx, y1: axisY, x2: p.cx, y2: ly - 24, class: 'stem' }));
        g.appendChild(s('circle', { cx: p.cx, cy: axisY, r: rad, class: 'dot ' + (p.it.cls || '') }));
        g.appendChild(s('text', { x: p.cx, y: ly - 12, class: 'tl-date', 'text-anchor': p.leftward ? 'end' : 'start' }, p.it.date || ''));
        g.appendChild(s('text', { x: p.cx, y: ly + 2, class: 'tl-label', direction: rtl ? 'rtl' : 'ltr', 'text-anchor': anchor }, p.label));
        g.appendChild(s('title', null, (p.it.date || '') + ' ' + (p.it.tip || p.it.label || '')));
        svg.appendChild(g);
      }
      wrap.appendChild(svg);
    }
    if (undated.length) {
      wrap.appendChild(h('p', { class: 'hint' }, 'Undated:'));
      wrap.appendChild(h('ul', { class: 'undated' }, undated.map(it =>
        h('li', null, it.href ? h('a', { href: it.href }, text(it.label)) : text(it.label)))));
    }
    if (!items.length) wrap.appendChild(h('p', { class: 'note' }, 'Nothing to show on a timeline.'));
    return wrap;
  }

  function ticks(lo, hi) {
    const span = hi - lo, out = [];
    const y0 = new Date(lo * 86400000).getUTCFullYear(), y1 = new Date(hi * 86400000).getUTCFullYear();
    if (span > 700) {
      const step = Math.max(1, Math.ceil((y1 - y0 + 1) / 8));
      for (let y = y0; y <= y1 + 1; y += step) { const v = Date.UTC(y, 0, 1) / 86400000; if (v >= lo && v <= hi) out.push({ v, label: String(y) }); }
    } else if (span > 60) {
      const months = Math.round(span / 30), step = Math.max(1, Math.ceil(months / 8));
      const d = new Date(lo * 86400000);
      for (let m = d.getUTCMonth() + 1, y = d.getUTCFullYear(); ; m += step) {
        const v = Date.UTC(y, m, 1) / 86400000;
        if (v > hi) break;
        out.push({ v, label: new Date(v * 86400000).toISOString().slice(0, 7) });
      }
    } else {
      const step = Math.max(1, Math.ceil(span / 8));
      for (let v = Math.ceil(lo); v <= hi; v += step) out.push({ v, label: dayLabel(v).slice(5) });
    }
    return out;
  }

  function clip(str, n) { const a = Array.from(str); return a.length > n ? a.slice(0, n - 1).join('') + '…' : str; }

  // ---- events ----

  function sideName(r) {
    if (!r || !r.key) return '—';
    return r.name || r.name_ar || r.key;
  }

  function eventRow(m) {
    const ev = m.event;
    const date = ev.date ? (m.first_date && m.last_date && m.first_date !== m.last_date ? m.first_date + '..' + m.last_date : ev.date) : 'undated';
    return h('li', { class: 'event-row' },
      h('span', { class: 'ev-date' }, date, ev.date_inferred ? h('span', { class: 'inferred', title: 'part of the date was inferred' }, ' (inferred)') : null),
      ' ', h('span', { class: 'ev-type type-' + cssSafe(ev.type) }, ev.type + (ev.mode ? '/' + ev.mode : '')), ' ',
      entityLink(ev.actor.key, sideName(ev.actor)), ' → ', entityLink(ev.recipient.key, sideName(ev.recipient)),
      ev.location ? [' in ', entityLink(ev.location.key, sideName(ev.location))] : null,
      h('span', { class: 'ev-sources' }, ' · ', m.sources.map((src, i) => [i ? ', ' : '',
        h('a', { href: route('article', src.article_id), title: src.sentence || '' }, langBadge(src.lang))])));
  }

  function entityLink(id, name) {
    if (!id) return text(name || '—');
    return h('a', { class: 'entity-link', href: route('entity', id) }, text(name || id));
  }

  // ---- story ----

  async function viewStory(parts) {
    const id = parts[0];
    const d = await api('/stories/' + encodeURIComponent(id));
    const st = d.story;
    const langs = Object.keys(d.by_lang).sort((a, b) => (a === 'en' ? -1 : b === 'en' ? 1 : a < b ? -1 : 1));
    const items = st.event_list.map(ev => ({
      date: ev.first, label: (ev.articles[0] || {}).title || ev.id, href: route('article', (ev.articles[0] || {}).id || ''),
      size: ev.articles.length, cls: 'lang-mix-' + (new Set(ev.articles.map(a => a.lang)).size > 1 ? 'multi' : cssSafe(ev.articles[0].lang)),
      tip: ev.articles.map(a => '[' + a.lang + '] ' + a.title).join(' | '),
    }));
    return h('article', { class: 'story-page', 'data-id': st.id },
      h('h1', null, 'Story'),
      h('div', { class: 'story-titles big' }, Object.keys(st.titles).sort().map(l =>
        h('p', { class: 'story-title', dir: dirOf(l), lang: l }, langBadge(l), ' ', text(st.titles[l], l)))),
      h('p', { class: 'story-meta' }, plural(st.articles, 'article', 'articles'), ' · ', plural(st.events, 'event', 'events'), ' · ',
        st.first ? st.first + ' – ' + st.last : 'undated', ' · ', langs.map(l => [langBadge(l), ' ', d.by_lang[l].length, ' '])),
      h('section', { id: 'story-timeline' }, h('h2', null, 'Events on a timeline'), timelineSVG(items, { title: 'Events of the story' })),
      d.events.length ? h('section', { id: 'story-events' }, h('h2', null, 'Who did what (PLOVER events)'), h('ul', { class: 'events' }, d.events.map(eventRow))) : null,
      h('section', { id: 'story-articles' }, h('h2', null, 'Articles by language'),
        h('div', { class: 'lang-columns' }, langs.map(l =>
          h('div', { class: 'lang-col', 'data-lang': l, dir: dirOf(l), lang: l },
            h('h3', null, langName(l), ' (', d.by_lang[l].length, ')'),
            h('ol', { class: 'article-list' }, d.by_lang[l].map(a =>
              h('li', { class: 'article-item' }, h('a', { href: route('article', a.id) }, text(a.title, l)),
                h('span', { class: 'date' }, fmtDate(a.published))))))))));
  }

  // ---- article ----

  // markText renders a field's text with its highlight spans; offsets are code points.
  function markText(str, spans, lang) {
    const cps = Array.from(str || '');
    const out = [];
    let pos = 0;
    for (const sp of spans) {
      if (sp.start < pos || sp.end > cps.length) continue;
      if (sp.start > pos) out.push(cps.slice(pos, sp.start).join(''));
      const t = cps.slice(sp.start, sp.end).join('');
      if (sp.kind === 'entity') {
        out.push(h('a', { class: 'ent ent-' + cssSafe(sp.type), href: route('entity', sp.entity), title: (sp.name || sp.entity) + ' · ' + sp.type, 'data-entity': sp.entity },
          h('bdi', null, t)));
      } else {
        out.push(h('mark', { class: 'date', title: sp.value ? 'date: ' + sp.value : 'date' }, h('bdi', null, t)));
      }
      pos = sp.end;
    }
    if (pos < cps.length) out.push(cps.slice(pos).join(''));
    return out;
  }

  async function viewArticle(parts) {
    const id = parts[0];
    const d = await api('/articles/' + encodeURIComponent(id));
    const a = d.article, an = d.analysis;
    const lang = a.lang, dir = d.dir;
    const spans = f => d.highlights.filter(x => x.field === f);
    const related = api('/articles/' + encodeURIComponent(a.id) + '/related', { k: 8 }).catch(() => null);
    const ents = an ? an.entities.slice().sort((x, y) => y.salience - x.salience) : [];
    const meta = h('dl', { class: 'meta' },
      h('dt', null, 'Language'), h('dd', null, langName(lang), ' (', lang, ')'),
      h('dt', null, 'Published'), h('dd', null, fmtDate(a.published), a.published_from ? ' (from ' + a.published_from + ')' : ''),
      a.outlet ? [h('dt', null, 'Outlet'), h('dd', null, text(a.outlet, lang))] : null,
      a.dateline ? [h('dt', null, 'Dateline'), h('dd', null, text(a.dateline, lang))] : null,
      a.url ? [h('dt', null, 'Address'), h('dd', { class: 'url' }, /^https?:\/\//i.test(a.url)
        ? h('a', { href: a.url, rel: 'noopener noreferrer nofollow', target: '_blank' }, a.url) : text(a.url))] : null,
      h('dt', null, 'Id'), h('dd', null, h('code', null, a.id)),
      d.story ? [h('dt', null, 'Story'), h('dd', null, h('a', { href: route('story', d.story), id: 'article-story' }, d.story))] : null);
    const side = h('aside', { class: 'side' },
      meta,
      ents.length ? h('section', null, h('h2', null, 'Entities'), h('ul', { class: 'entity-list' }, ents.map(e =>
        h('li', null, entityLink(d.canonical[e.key] || e.key, e.name), ' ', h('span', { class: 'etype' }, e.type, e.role ? ', ' + e.role : ''),
          ' ', h('span', { class: 'count' }, '×' + e.mentions.length))))) : null,
      an && an.topics.length ? h('section', null, h('h2', null, 'Topics'), h('p', null, an.topics.map(t =>
        h('a', { class: 'chip', href: '#/search?topic=' + encodeURIComponent(t.id) }, t.label || t.id)))) : null,
      an && an.concepts.length ? h('section', null, h('h2', null, 'Concepts'), h('p', { class: 'concepts' }, an.concepts.slice(0, 15).map(c =>
        h('span', { class: 'chip' }, c.key)))) : null);
    const page = h('div', { class: 'article-page' },
      h('article', { class: 'article', id: 'article', dir: dir, lang: lang },
        h('h1', { id: 'article-title', dir: dir, lang: lang }, markText(a.title || '', spans('title'), lang)),
        h('div', { class: 'body', id: 'article-body', dir: dir, lang: lang }, markText(a.body || '', spans('body'), lang))),
      side,
      d.events.length ? h('section', { class: 'article-events' }, h('h2', null, 'Events reported'), h('ul', { class: 'events' }, d.events.map(ev =>
        eventRow({ event: ev, sources: [], first_date: '', last_date: '' })))) : null,
      h('section', { class: 'related', id: 'related' }, h('h2', null, 'Related articles, any language'), h('p', { class: 'note' }, 'Loading…')));
    related.then(r => {
      const box = page.querySelector('#related');
      if (!box) return;
      if (!r || !r.related.length) { box.replaceChildren(h('h2', null, 'Related articles, any language'), h('p', { class: 'note' }, 'None found.')); return; }
      box.replaceChildren(h('h2', null, 'Related articles, any language'), h('ol', { class: 'related-list' }, r.related.map(n =>
        h('li', { dir: dirOf(n.lang) }, langBadge(n.lang), ' ', h('a', { href: route('article', n.id) }, text(n.title || n.id, n.lang)),
          h('span', { class: 'score', title: 'overall similarity, 1 (very similar) to 4 (very dissimilar)' }, ' ', n.scores.overall.toFixed(2),
            n.scores.same_event >= 0.5 ? ' · same event' : '')))));
    });
    return page;
  }

  // ---- entity ----

  function graphSVG(g, centre) {
    const W = 560, H = 380, cx = W / 2, cy = H / 2, R = 140;
    const svg = s('svg', { class: 'graph-svg', width: '100%', viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': 'Co-mentions graph' });
    const others = g.nodes.filter(n => n.id !== centre);
    const pos = { [centre]: [cx, cy] };
    others.forEach((n, i) => {
      const ang = -Math.PI / 2 + 2 * Math.PI * i / Math.max(1, others.length);
      pos[n.id] = [cx + R * Math.cos(ang), cy + R * Math.sin(ang)];
    });
    const maxW = Math.max(1, ...g.edges.map(e => e.weight));
    for (const e of g.edges) {
      const p = pos[e.a], q = pos[e.b];
      if (!p || !q) continue;
      const star = e.a === centre || e.b === centre;
      svg.appendChild(s('line', { x1: p[0], y1: p[1], x2: q[0], y2: q[1], class: star ? 'edge edge-star' : 'edge',
        'stroke-width': (0.8 + 5 * e.weight / maxW).toFixed(2) }, s('title', null, e.weight + ' shared articles')));
    }
    const maxA = Math.max(1, ...g.nodes.map(n => n.articles));
    for (const n of g.nodes) {
      const [x, y] = pos[n.id];
      const r = n.id === centre ? 18 : 6 + 10 * Math.sqrt(n.articles / maxA);
      const a = s('a', { href: route('entity', n.id), class: 'node node-' + cssSafe(n.type) + (n.id === centre ? ' centre' : '') });
      a.appendChild(s('circle', { cx: x, cy: y, r: r }));
      const below = y >= cy;
      a.appendChild(s('text', { x: x, y: below ? y + r + 14 : y - r - 6, 'text-anchor': 'middle', class: 'node-label' }, clip(n.name || n.id, 24)));
      a.appendChild(s('title', null, (n.name || n.id) + ' (' + n.type + ', ' + n.articles + ' articles)'));
      svg.appendChild(a);
    }
    return svg;
  }

  async function viewEntity(parts) {
    const id = parts[0];
    const d = await api('/entities/' + encodeURIComponent(id));
    const e = d.entity;
    const arabic = e.forms.filter(f => /[\u0600-\u06FF]/.test(f.text));
    const latin = e.forms.filter(f => !/[\u0600-\u06FF]/.test(f.text));
    const forms = (list, dir) => h('ul', { class: 'forms', dir: dir }, list.map(f =>
      h('li', null, text(f.text, f.lang), ' ', h('span', { class: 'count', dir: 'ltr' }, langBadge(f.lang), ' ', plural(f.articles, 'article', 'articles')))));
    const items = d.timeline.map(m => ({
      date: m.event.date, label: m.event.type + (m.event.mode ? '/' + m.event.mode : '') + ' ' + sideName(m.event.actor) + ' → ' + sideName(m.event.recipient),
      href: m.sources.length ? route('article', m.sources[0].article_id) : null, size: m.sources.length, cls: 'type-' + cssSafe(m.event.type),
    }));
    return h('div', { class: 'entity-page', 'data-id': e.id },
      h('h1', null, text(e.name), e.name_ar && e.name_ar !== e.name ? [' · ', text(e.name_ar, 'ar')] : null),
      h('p', { class: 'story-meta' }, e.type, e.country ? ' · ' + e.country : '', e.roles && e.roles.length ? ' · ' + e.roles.join(', ') : '',
        ' · ', plural(d.article_count, 'article', 'articles'), ' · ', plural(e.mentions, 'mention', 'mentions'), ' · ', h('code', null, e.id),
        d.resolved_from ? h('span', { class: 'hint' }, ' (found from “', text(d.resolved_from), '”)') : null),
      h('section', { class: 'variants' }, h('h2', null, 'Names across scripts'),
        h('div', { class: 'two' }, h('div', null, h('h3', null, 'Latin script'), forms(latin, 'ltr')),
          h('div', { lang: 'ar' }, h('h3', null, 'Arabic script'), arabic.length ? forms(arabic, 'rtl') : h('p', { class: 'note' }, 'none seen')))),
      h('section', { id: 'entity-timeline' }, h('h2', null, 'Timeline of events'), timelineSVG(items, { title: 'Events of ' + e.name }),
        d.timeline.length ? h('ul', { class: 'events' }, d.timeline.map(eventRow)) : null),
      h('section', { id: 'entity-graph' }, h('h2', null, 'Most frequent co-mentions'), d.graph.nodes.length > 1 ? graphSVG(d.graph, e.id) : h('p', { class: 'note' }, 'No co-mentions.')),
      h('section', null, h('h2', null, 'Newest articles'), h('ol', { class: 'article-list' }, d.articles.map(a =>
        h('li', { dir: dirOf(a.lang) }, langBadge(a.lang), ' ', h('a', { href: route('article', a.id) }, text(a.title, a.lang)), ' ', h('span', { class: 'date' }, fmtDate(a.published)))))));
  }

  async function viewEntities(parts, params) {
    const type = params.get('type') || '';
    const d = await api('/entities', { type: type, limit: 60 });
    const types = ['', 'person', 'country', 'city', 'organisation', 'place', 'region'];
    return h('div', { class: 'entities-page' },
      h('h1', null, 'Entities'),
      h('p', { class: 'filters' }, types.map(t => h('a', { class: 'chip' + (t === type ? ' on' : ''), href: '#/entities' + (t ? '?type=' + t : '') }, t || 'all'))),
      h('table', { class: 'entity-table' },
        h('thead', null, h('tr', null, h('th', null, 'Entity'), h('th', null, 'Type'), h('th', null, 'Articles'), h('th', null, 'Languages'), h('th', null, 'Names'))),
        h('tbody', null, d.entities.map(e => h('tr', null,
          h('td', null, entityLink(e.id, e.name)), h('td', null, e.type), h('td', { class: 'num' }, e.articles),
          h('td', null, Object.keys(e.languages).sort().map(l => [langBadge(l), e.languages[l], ' '])),
          h('td', { class: 'forms-cell' }, e.forms.slice(0, 5).map((f, i) => [i ? ' · ' : '', text(f.text, f.lang)])))))));
  }

  // ---- search ----

  async function viewSearch(parts, params) {
    const q = params.get('q') || '';
    const lang = params.get('lang') || '', since = params.get('since') || '', until = params.get('until') || '';
    const topic = params.get('topic') || '', entity = params.get('entity') || '', story = params.get('story') || '';
    const offset = +params.get('offset') || 0;
    document.getElementById('search-box').value = q;
    const form = h('form', { class: 'search-filters', id: 'search-filters', action: '#/search' },
      h('input', { type: 'search', name: 'q', value: q, dir: 'auto', placeholder: 'Query in any language', 'aria-label': 'Query' }),
      h('label', null, 'Language ', h('select', { name: 'lang' }, ['', 'en', 'ar', 'fr', 'es'].map(l => h('option', { value: l, selected: l === lang }, l ? langName(l) : 'any')))),
      h('label', null, 'From ', h('input', { type: 'date', name: 'since', value: since })),
      h('label', null, 'To ', h('input', { type: 'date', name: 'until', value: until })),
      h('input', { type: 'hidden', name: 'topic', value: topic }), h('input', { type: 'hidden', name: 'entity', value: entity }),
      h('input', { type: 'hidden', name: 'story', value: story }),
      h('button', { type: 'submit' }, 'Search'));
    form.addEventListener('submit', ev => {
      ev.preventDefault();
      const p = new URLSearchParams();
      for (const [k, v] of new FormData(form).entries()) if (v) p.set(k, v);
      location.hash = '#/search?' + p.toString();
    });
    if (!q && !topic && !entity && !story) {
      return h('div', { class: 'search-page' }, h('h1', null, 'Search'), form,
        h('p', { class: 'note' }, 'A query in English finds Arabic coverage and the reverse: through the entities it names (Lavrov = لافروف), the concepts its words share across languages (two-state solution ~ حل الدولتين), and the text itself.'));
    }
    const d = await api('/search', { q, lang, since, until, topic, entity, story, offset, limit: 20 });
    const understood = h('p', { class: 'understood' }, 'Understood as: ',
      d.parsed.terms.map(t => h('span', { class: 'chip term', title: 'index tokens: ' + t.tokens.join(' ') }, text(t.text))),
      d.entities.map(m => h('a', { class: 'chip ent-chip', href: route('entity', m.id), title: 'found by ' + m.via + ' from “' + m.matched + '”' },
        text(m.name), m.name_ar && m.name_ar !== m.name ? [' / ', text(m.name_ar, 'ar')] : null, h('small', null, ' ' + m.via))),
      Array.from(new Set(d.parsed.terms.flatMap(t => t.concepts || []))).map(c => h('span', { class: 'chip concept', title: 'concept key' }, '≈' + c)));
    const nameOf = {};
    for (const m of d.entities) nameOf[m.id] = m.name;
    const hits = h('ol', { class: 'hits', start: offset + 1 }, d.hits.map(hit =>
      h('li', { class: 'hit', 'data-id': hit.id, 'data-lang': hit.lang, dir: hit.dir, lang: hit.lang },
        h('p', { class: 'hit-head' }, langBadge(hit.lang), ' ', h('a', { class: 'hit-title', href: route('article', hit.id) }, text(hit.title, hit.lang)),
          ' ', h('span', { class: 'date' }, fmtDate(hit.published))),
        h('p', { class: 'snippet' }, text(hit.snippet, hit.lang)),
        h('p', { class: 'why', dir: 'ltr', lang: 'en' }, 'matched: ',
          (hit.terms || []).map(t => h('span', { class: 'chip term' }, text(t))),
          (hit.entities || []).map(id => h('span', { class: 'chip ent-chip' }, text(nameOf[id] || id))),
          (hit.concepts || []).map(c => h('span', { class: 'chip concept' }, '≈' + c))))));
    const pager = h('p', { class: 'pager' },
      offset > 0 ? h('a', { href: searchHref(params, Math.max(0, offset - 20)) }, '← previous') : null, ' ',
      offset + d.hits.length < d.total ? h('a', { href: searchHref(params, offset + 20), id: 'next-page' }, 'next →') : null);
    return h('div', { class: 'search-page' }, h('h1', null, 'Search'), form, understood,
      h('p', { class: 'note', id: 'search-total' }, plural(d.total, 'article', 'articles'), ' found', d.total ? ', best first' : ''),
      hits, pager);
  }

  function searchHref(params, offset) {
    const p = new URLSearchParams(params);
    p.set('offset', String(offset));
    return '#/search?' + p.toString();
  }

  // ---- start ----

  document.getElementById('search-form').addEventListener('submit', ev => {
    ev.preventDefault();
    const q = document.getElementById('search-box').value.trim();
    location.hash = '#/search?q=' + encodeURIComponent(q);
  });
  window.addEventListener('hashchange', render);
  render();
})();
