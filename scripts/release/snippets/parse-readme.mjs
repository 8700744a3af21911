// Reads the code snippets of a README and the install lines printed above them, by the
// convention in scripts/release/README.md ("README snippets"):
//   - every ```ts block is a snippet, compiled and run, unless an HTML comment right above it
//     says `<!-- not runnable: <reason> -->`;
//   - its install lines are the `npm install` lines of the nearest ```sh block above it that
//     has any; a `#` comment right above a line (or after it) names it, and `Node 22+` (or
//     `Node 22.15+`) in that comment is the Node the line needs;
//   - `<!-- snippet install: <words> -->` keeps the lines whose comment or text has the words;
//   - `<!-- snippet context: <code> -->` is code the snippet takes as given, run before it;
//   - `<!-- snippet continues -->` runs the snippet after the one before it, as one program (an
//     import line the earlier one has is taken once).

const FENCE = /^(\s*)```\s*([\w-]*)\s*$/;
const SNIPPET_LANGS = new Set(['ts', 'typescript']);
const SHELL_LANGS = new Set(['sh', 'bash', 'shell', 'console']);
// Only the `Node 22+` form: prose such as "openai 7 needs Node 22 or later" is not a requirement.
const NODE_NOTE = /\bNode\s+(\d+(?:\.\d+){0,2})\+/i;

/** Fenced blocks in order: { lang, line (1-based, of the opening fence), text, before }. */
function fencedBlocks(lines) {
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = lines[i].match(FENCE);
    if (!open) continue;
    const indent = open[1];
    let end = i + 1;
    while (end < lines.length && lines[end].trim() !== '```') end++;
    const body = lines
      .slice(i + 1, end)
      .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l));
    blocks.push({ lang: open[2].toLowerCase(), line: i + 1, text: body.join('\n'), before: i });
    i = end;
  }
  return blocks;
}

/** The HTML comments directly above line index `at` (blank lines between them allowed). */
function commentsAbove(lines, at) {
  const comments = [];
  let i = at - 1;
  while (i >= 0) {
    if (lines[i].trim() === '') {
      i--;
      continue;
    }
    if (!lines[i].trim().endsWith('-->')) break;
    let start = i;
    while (start >= 0 && !lines[start].includes('<!--')) start--;
    if (start < 0) break;
    const text = lines
      .slice(start, i + 1)
      .join('\n')
      .replace(/^\s*<!--/, '')
      .replace(/-->\s*$/, '')
      .trim();
    comments.unshift(text);
    i = start - 1;
  }
  return comments;
}

/** The install lines of a shell block: { command, args, label, node }. */
function installLines(text) {
  const found = [];
  let label = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#')) {
      label.push(line.replace(/^#\s*/, ''));
      continue;
    }
    // A comment may also follow the command on its line: `npm install x   # SDK 3 (Node 22.15+)`.
    const [command, ...after] = line.split(/\s+#\s*/);
    if (after.length) label.push(after.join(' '));
    const words = command.split(/\s+/);
    const isInstall =
      words[0] === 'npm' && ['install', 'i', 'add'].includes(words[1]) && words.length > 2;
    if (isInstall && !words.includes('-g') && !words.includes('--global')) {
      const note = label.join(' ');
      found.push({
        command,
        args: words.slice(2),
        label: note,
        node: note.match(NODE_NOTE)?.[1],
      });
    }
    label = [];
  }
  return found;
}

/** The directives in the comments above a snippet. */
function directives(comments) {
  const result = { notRunnable: undefined, install: undefined, context: [], continues: false };
  for (const comment of comments) {
    const [, key, value] = comment.match(/^([a-z ]+?)(?::\s*|\s*$)([\s\S]*)$/i) ?? [];
    switch (key?.toLowerCase()) {
      case 'not runnable':
        result.notRunnable = value.trim() || 'no reason given';
        break;
      case 'snippet install':
        result.install = value.trim();
        break;
      case 'snippet context':
        result.context.push(value.trim());
        break;
      case 'snippet continues':
        result.continues = true;
        break;
    }
  }
  return result;
}

/**
 * The snippets of one README. Each: { id (`file:line`), file, line, code (context, then the
 * snippet; after the one it continues), notRunnable?, installs: [{ command, args, label,
 * node }], problems: [text] (a convention broken: no install line, a `snippet install` that
 * picks none) }.
 */
export function parseReadme(file, markdown) {
  const lines = markdown.split('\n');
  const snippets = [];
  const installBlocks = []; // the install lines of each ```sh block so far
  let previous;
  for (const block of fencedBlocks(lines)) {
    if (SHELL_LANGS.has(block.lang)) {
      const found = installLines(block.text);
      if (found.length) installBlocks.push(found);
      continue;
    }
    if (!SNIPPET_LANGS.has(block.lang)) continue;
    const given = directives(commentsAbove(lines, block.before));
    const snippet = {
      id: `${file}:${block.line}`,
      file,
      line: block.line,
      source: block.text,
      notRunnable: given.notRunnable,
      installs: [],
      problems: [],
    };
    snippets.push(snippet);
    if (given.notRunnable) continue;
    let own = [...given.context, block.text].join('\n');
    if (given.continues && previous) {
      // An import the earlier snippet already has would declare its names twice.
      const earlier = new Set(previous.code.split('\n').filter((l) => l.startsWith('import ')));
      own = own
        .split('\n')
        .filter((l) => !earlier.has(l))
        .join('\n');
    }
    snippet.code = given.continues && previous ? `${previous.code}\n${own}` : own;
    if (given.continues && !previous)
      snippet.problems.push('`snippet continues`, but nothing runs before it');
    let chosen = installBlocks.at(-1) ?? [];
    if (given.install) {
      const words = given.install.toLowerCase();
      const picks = (i) => `${i.label} ${i.command}`.toLowerCase().includes(words);
      chosen = installBlocks.findLast((found) => found.some(picks))?.filter(picks) ?? [];
      if (!chosen.length)
        snippet.problems.push(`\`snippet install: ${given.install}\` picks no install line`);
    } else if (!chosen.length) {
      snippet.problems.push('no ```sh block with an `npm install` line above it');
    }
    snippet.installs = chosen;
    previous = snippet;
  }
  return snippets;
}

/** The package name of an install argument or an import specifier (`@a/b@1` -> `@a/b`). */
export function packageName(spec) {
  const parts = spec.split('/');
  const name = spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  return name.replace(/(.)@.*$/, '$1');
}

/** The bare package specifiers a snippet imports (static `import … from`, `import()`, require). */
export function importedPackages(code) {
  const found = new Set();
  const patterns = [
    /\bfrom\s+['"]([^'"]+)['"]/g,
    /\bimport\s+['"]([^'"]+)['"]/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const [, specifier] of code.matchAll(pattern)) {
      if (specifier.startsWith('.') || specifier.startsWith('node:')) continue;
      found.add(packageName(specifier));
    }
  }
  return [...found];
}
