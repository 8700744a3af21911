/**
 * The page's stylesheet. Served at /styles.css and inlined into exported sessions, so an
 * export looks like the page with no request to anywhere.
 */
export const STYLES = `
:root {
  --bg: #f6f7f9; --panel: #ffffff; --text: #1d2330; --muted: #667085; --line: #e3e6eb;
  --accent: #3d5afe; --accent-soft: #eef1ff; --user: #eef1ff; --assistant: #ffffff;
  --error: #c62828; --error-soft: #fdecea; --star: #f5a623; --code: #f3f4f6;
  --generation: #7c4dff; --tool: #00897b; --agent: #ef6c00; --chain: #546e7a;
  --retriever: #6d4c41; --embedding: #0288d1; --span: #90a4ae;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #12151b; --panel: #1a1e26; --text: #e6e8ec; --muted: #98a1b0; --line: #2b313c;
    --accent: #8c9eff; --accent-soft: #232a45; --user: #232a45; --assistant: #1a1e26;
    --error: #ef9a9a; --error-soft: #3b2020; --code: #222733;
  }
}
* { box-sizing: border-box; }
body {
  margin: 0; background: var(--bg); color: var(--text);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
}
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
code, pre, .mono { font-family: ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 12.5px; }
header.top {
  display: flex; align-items: center; gap: 24px; padding: 10px 24px;
  background: var(--panel); border-bottom: 1px solid var(--line);
}
header.top .brand { font-weight: 700; font-size: 15px; color: var(--text); }
header.top .brand span { color: var(--accent); }
header.top nav { display: flex; gap: 4px; }
header.top nav a { padding: 6px 12px; border-radius: 6px; color: var(--muted); font-weight: 500; }
header.top nav a.active { background: var(--accent-soft); color: var(--accent); }
header.top .live { margin-left: auto; color: var(--muted); font-size: 12px; display: flex; align-items: center; gap: 6px; }
header.top .live::before { content: ""; width: 8px; height: 8px; border-radius: 50%; background: var(--span); }
header.top .live.on::before { background: #2e7d32; }
main { max-width: 1280px; margin: 0 auto; padding: 20px 24px 48px; }
h1 { font-size: 20px; margin: 0 0 4px; word-break: break-all; }
h2 { font-size: 15px; margin: 24px 0 10px; }
.sub { color: var(--muted); margin: 0 0 16px; }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; }
.empty { padding: 40px; text-align: center; color: var(--muted); }
.empty code { background: var(--code); padding: 2px 6px; border-radius: 4px; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: 8px 12px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; color: var(--muted); font-weight: 600; text-transform: uppercase; letter-spacing: .03em; }
tr:last-child td { border-bottom: none; }
tbody tr:hover { background: var(--bg); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.id { max-width: 280px; word-break: break-all; }
/* Ids are untrusted and can be any length: they wrap inside their cell, never widen the table. */
td a[href^="/?user="] {
  display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 3; overflow: hidden;
  min-width: 14ch; max-width: 240px; overflow-wrap: anywhere;
}
/* Times (date, clock, zone) take two lines when a table is tight rather than widening it. */
[data-testid=sessions] td:nth-child(4), [data-testid=sessions] td:nth-child(5),
[data-testid=traces] td:nth-child(4),
[data-testid=users] td:nth-child(10), [data-testid=users] td:nth-child(11) { white-space: normal; min-width: 14ch; }
.panel:has(> table) { overflow-x: auto; }
.bubble .who { overflow-wrap: anywhere; }
td .preview { display: block; color: var(--muted); font-size: 12px; max-width: 420px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.errors { color: var(--error); font-weight: 600; }
.filters { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-bottom: 12px; }
.filters input[type=search] { flex: 1 1 260px; }
.filters select { max-width: 240px; text-overflow: ellipsis; }
input, select, textarea, button {
  font: inherit; color: var(--text); background: var(--panel);
  border: 1px solid var(--line); border-radius: 6px; padding: 6px 10px;
}
button { cursor: pointer; background: var(--accent); color: #fff; border-color: var(--accent); }
button.plain { background: var(--panel); color: var(--text); border-color: var(--line); }
label.check { display: flex; gap: 6px; align-items: center; color: var(--muted); }
.star { background: none; border: none; padding: 0 4px; font-size: 18px; line-height: 1; color: #a9b1be; cursor: pointer; }
.star.on { color: var(--star); }
span.star { cursor: default; }
.tag, .chip {
  display: inline-block; padding: 1px 8px; margin: 1px 4px 1px 0; border-radius: 999px;
  background: var(--code); color: var(--muted); font-size: 12px; white-space: nowrap;
  max-width: 100%; overflow: hidden; text-overflow: ellipsis; vertical-align: bottom;
}
.chip.score { background: var(--accent-soft); color: var(--accent); }
.chip.score button { background: none; border: none; color: inherit; padding: 0 0 0 4px; }
.type { display: inline-block; min-width: 76px; padding: 0 6px; border-radius: 4px; color: #fff; font-size: 11px; text-align: center; text-transform: uppercase; letter-spacing: .03em; background: var(--span); }
.type.generation { background: var(--generation); } .type.tool { background: var(--tool); }
.type.agent { background: var(--agent); } .type.chain { background: var(--chain); }
.type.retriever { background: var(--retriever); } .type.embedding { background: var(--embedding); }
.meta { display: flex; flex-wrap: wrap; gap: 8px 24px; margin: 8px 0 0; padding: 12px 16px; }
.meta div { display: flex; flex-direction: column; }
.meta dt { font-size: 11px; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
.meta dd { margin: 0; font-weight: 500; word-break: break-all; }
.title-row { display: flex; align-items: flex-start; gap: 8px; }
.title-row .actions { margin-left: auto; display: flex; gap: 8px; flex-shrink: 0; align-items: center; }
.title-row .actions .star { font-size: 20px; padding: 2px 10px; border: 1px solid var(--line); border-radius: 6px; background: var(--panel); }
.title-row .actions .star.on { color: var(--star); }
details.delete { position: relative; }
details.delete > summary { list-style: none; padding: 6px 12px; border: 1px solid var(--line); border-radius: 6px; background: var(--panel); color: var(--error); font-size: 14px; }
details.delete > summary::-webkit-details-marker { display: none; }
.delete-form { position: absolute; right: 0; top: calc(100% + 6px); z-index: 5; width: 300px; padding: 12px; box-shadow: 0 4px 16px rgba(0, 0, 0, .15); }
.delete-form p { margin: 0 0 10px; }
button.danger { background: var(--error); border-color: var(--error); color: #fff; }
.unreadable .errors { overflow-wrap: anywhere; }
.actions a.button { padding: 6px 12px; border: 1px solid var(--line); border-radius: 6px; background: var(--panel); color: var(--text); }
.turns { display: flex; flex-direction: column; gap: 18px; }
.turn { padding: 14px 16px; }
.turn-head { display: flex; gap: 12px; align-items: baseline; color: var(--muted); font-size: 12px; margin-bottom: 10px; }
.turn-head .n { font-weight: 700; color: var(--text); }
.turn-head .right { margin-left: auto; }
.bubble { max-width: 82%; padding: 10px 14px; border-radius: 12px; margin: 6px 0; white-space: pre-wrap; word-wrap: break-word; border: 1px solid var(--line); }
.bubble .who { display: block; font-size: 11px; font-weight: 600; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; margin-bottom: 2px; white-space: normal; }
.bubble.user { background: var(--user); margin-left: auto; border-bottom-right-radius: 4px; border-color: transparent; }
.bubble.assistant { background: var(--assistant); border-bottom-left-radius: 4px; }
.bubble.missing { color: var(--muted); font-style: italic; }
details > summary { cursor: pointer; color: var(--muted); font-size: 12.5px; list-style-position: inside; }
details.tree { margin-top: 10px; }
ul.obs { list-style: none; margin: 6px 0 0; padding-left: 18px; border-left: 1px dashed var(--line); }
ul.obs.root { border-left: none; padding-left: 0; }
ul.obs li { margin: 4px 0; }
.obs-line { display: inline-flex; gap: 10px; align-items: center; flex-wrap: wrap; color: var(--text); font-size: 13px; vertical-align: middle; }
ul.obs li > .obs-line { margin-left: 14px; }
.obs-line .dim { color: var(--muted); font-size: 12px; }
.obs-line.error .name { color: var(--error); }
pre.content { background: var(--code); padding: 8px 10px; border-radius: 6px; white-space: pre-wrap; word-break: break-word; max-height: 360px; overflow: auto; margin: 6px 0; }
.scores { padding: 12px 16px; margin-top: 12px; }
form.score { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
form.score input[name=name] { width: 170px; } form.score input[name=value] { width: 170px; }
form.score input[name=comment] { flex: 1 1 200px; }
.form-error { color: var(--error); font-size: 12px; width: 100%; }
.waterfall { padding: 8px 0; }
.wf-axis, .wf-row { display: grid; grid-template-columns: minmax(260px, 36%) 1fr 90px; align-items: center; gap: 12px; padding: 0 16px; }
.wf-axis { font-size: 11px; color: var(--muted); border-bottom: 1px solid var(--line); padding-bottom: 6px; }
.wf-axis .ticks { display: flex; justify-content: space-between; }
.wf-row { min-height: 30px; }
details.wf-item { border-bottom: 1px solid var(--line); }
details.wf-item:last-child { border-bottom: none; }
.wf-label { display: flex; align-items: center; gap: 6px; overflow: hidden; white-space: nowrap; font-size: 13px; }
.wf-label .name { overflow: hidden; text-overflow: ellipsis; }
.wf-track { position: relative; height: 14px; background: repeating-linear-gradient(90deg, transparent 0 calc(25% - 1px), var(--line) calc(25% - 1px) 25%); border-radius: 3px; }
.wf-bar { position: absolute; top: 0; height: 14px; min-width: 2px; border-radius: 3px; background: var(--span); }
.wf-bar.generation { background: var(--generation); } .wf-bar.tool { background: var(--tool); }
.wf-bar.agent { background: var(--agent); } .wf-bar.chain { background: var(--chain); }
.wf-bar.retriever { background: var(--retriever); } .wf-bar.embedding { background: var(--embedding); }
.wf-bar.error { background: var(--error); }
.wf-dur { text-align: right; font-size: 12px; color: var(--muted); font-variant-numeric: tabular-nums; }
details.wf-item > summary { list-style: none; display: block; color: inherit; font-size: inherit; }
details.wf-item > summary::-webkit-details-marker { display: none; }
details.wf-item[open] > summary .wf-row { background: var(--accent-soft); }
.wf-detail { padding: 8px 16px 12px 32px; border-top: 1px solid var(--line); background: var(--bg); }
.wf-detail h3 { font-size: 12px; color: var(--muted); margin: 8px 0 2px; text-transform: uppercase; }
.note { color: var(--muted); font-size: 12px; margin-top: 8px; }
.pager { display: flex; align-items: center; justify-content: center; gap: 16px; margin: 12px 0; color: var(--muted); font-size: 13px; }
.pager .off { opacity: .45; }
.clip-note { color: var(--muted); font-size: 12px; margin: 2px 0 6px; white-space: normal; }
.wf-twist { border: none; background: none; color: var(--muted); font-size: 11px; padding: 0 4px; min-width: 42px; text-align: left; cursor: pointer; font-variant-numeric: tabular-nums; }
.wf-twist:hover { color: var(--accent); }
.wf-twist-space { display: inline-block; min-width: 42px; }
.wf-more { display: block; margin: 6px 16px; }
.wf-node > details.wf-item { border-bottom: 1px solid var(--line); }
footer.export { color: var(--muted); font-size: 12px; text-align: center; padding: 24px; }
`;
