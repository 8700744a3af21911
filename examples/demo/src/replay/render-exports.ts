import type { ExportTarget } from '../export-targets';
import type { Style } from './style';
import { wrap } from './text';

/**
 * Where else the spans went and how that went, or, when nowhere else, how to send them to a
 * backend.
 */
export function renderExports(
  extra: readonly ExportTarget[],
  sessionId: string,
  width: number,
  style: Style,
): string[] {
  if (extra.length === 0) {
    const hint =
      'To see this session in Langfuse, set LANGFUSE_PUBLIC_KEY, LANGFUSE_SECRET_KEY and ' +
      'LANGFUSE_BASE_URL; in any OTLP backend, OTEL_EXPORTER_OTLP_ENDPOINT; in `threadline ' +
      'dev`, pass --dev.';
    return wrap(hint, width).map((line) => style.dim(line));
  }
  const lines = [style.bold('Also exported')];
  for (const target of extra) {
    const text = target.error
      ? `${target.label}: ${target.error}${target.label === 'threadline dev' ? ' (is `threadline dev` running?)' : ''}`
      : `${target.label}: ${target.exported} spans → ${target.where}, session ${sessionId}`;
    const [first = '', ...rest] = wrap(text, width - 4);
    const mark = target.error ? style.red('✗') : style.green('✓');
    lines.push(`  ${mark} ${first}`, ...rest.map((line) => `    ${line}`));
  }
  return lines;
}
