/** One bar: a setup's value in a group. */
export interface Bar {
  setup: string;
  value: number;
  /** Text printed after the bar. */
  label: string;
}

/** A group of bars: one workload. */
export interface BarGroup {
  label: string;
  bars: Bar[];
}

/** A panel: groups sharing one axis. */
export interface Panel {
  title: string;
  groups: BarGroup[];
}

/** A chart: panels stacked vertically, a legend, a footer. */
export interface Chart {
  title: string;
  footer: string;
  panels: Panel[];
  colors: Record<string, string>;
}

const WIDTH = 860;
const LEFT = 215;
const RIGHT = 110;
const BAR = 14;
const GAP = 3;
const GROUP_GAP = 14;
const FONT = "font-family='system-ui, -apple-system, Segoe UI, sans-serif'";

/** Escapes text for SVG. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function panelSvg(panel: Panel, top: number, colors: Record<string, string>): [string, number] {
  const parts: string[] = [];
  let y = top;
  parts.push(
    `<text x='16' y='${y + 14}' font-size='14' font-weight='600' fill='#1f2328'>${escapeXml(panel.title)}</text>`,
  );
  y += 26;
  const max = Math.max(1e-9, ...panel.groups.flatMap((g) => g.bars.map((b) => b.value)));
  const scale = (WIDTH - LEFT - RIGHT) / max;
  for (const group of panel.groups) {
    const height = group.bars.length * (BAR + GAP) - GAP;
    parts.push(
      `<text x='${LEFT - 10}' y='${y + height / 2 + 4}' font-size='12' text-anchor='end' fill='#1f2328'>${escapeXml(group.label)}</text>`,
    );
    for (const bar of group.bars) {
      const w = Math.max(1, bar.value * scale);
      const color = colors[bar.setup] ?? '#868e96';
      parts.push(
        `<rect x='${LEFT}' y='${y}' width='${w.toFixed(1)}' height='${BAR}' rx='2' fill='${color}'><title>${escapeXml(`${bar.setup}: ${bar.label}`)}</title></rect>`,
        `<text x='${(LEFT + w + 5).toFixed(1)}' y='${y + BAR - 3}' font-size='11' fill='#3d444d'>${escapeXml(bar.label)}</text>`,
      );
      y += BAR + GAP;
    }
    y += GROUP_GAP;
  }
  parts.push(
    `<line x1='${LEFT}' y1='${top + 22}' x2='${LEFT}' y2='${y - GROUP_GAP + 2}' stroke='#8c959f' stroke-width='1'/>`,
  );
  return [parts.join('\n'), y];
}

/** The chart as a standalone SVG document. */
export function renderChart(chart: Chart): string {
  const body: string[] = [];
  let y = 20;
  body.push(
    `<text x='16' y='${y + 8}' font-size='17' font-weight='700' fill='#1f2328'>${escapeXml(chart.title)}</text>`,
  );
  y += 24;
  // Legend: the setups that have a bar, in the order of the colour table.
  const shown = new Set(
    chart.panels.flatMap((p) => p.groups.flatMap((g) => g.bars.map((b) => b.setup))),
  );
  let x = 16;
  for (const [setup, color] of Object.entries(chart.colors)) {
    if (!shown.has(setup)) continue;
    body.push(
      `<rect x='${x}' y='${y}' width='12' height='12' rx='2' fill='${color}'/>`,
      `<text x='${x + 17}' y='${y + 10}' font-size='12' fill='#1f2328'>${escapeXml(setup)}</text>`,
    );
    x += 32 + setup.length * 6.6;
  }
  y += 24;
  for (const panel of chart.panels) {
    const [svg, bottom] = panelSvg(panel, y, chart.colors);
    body.push(svg);
    y = bottom + 6;
  }
  body.push(
    `<text x='16' y='${y + 8}' font-size='11' fill='#57606a'>${escapeXml(chart.footer)}</text>`,
  );
  const height = y + 22;
  return [
    `<svg xmlns='http://www.w3.org/2000/svg' width='${WIDTH}' height='${height}' viewBox='0 0 ${WIDTH} ${height}' ${FONT}>`,
    `<rect width='${WIDTH}' height='${height}' fill='#ffffff'/>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}
