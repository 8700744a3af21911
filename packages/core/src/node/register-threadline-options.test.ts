import { context, DiagLogLevel, diag, propagation, trace } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { InMemorySpanExporter } from '../../test/trace-sdk';
import { globalState } from '../global-state';
import { propagateAttributes } from '../scope/propagate-attributes';
import { installDiagLogger, logLevelOf } from './diagnostics';
import { registerThreadline } from './register-threadline';

afterEach(() => {
  trace.disable();
  context.disable();
  propagation.disable();
  diag.disable();
  delete process.env.OTEL_LOG_LEVEL;
});

function setUp(options: Parameters<typeof registerThreadline>[0] = {}) {
  const exporter = new InMemorySpanExporter();
  const registration = registerThreadline({ exporter, exportMode: 'immediate', ...options });
  return { exporter, registration, tracer: trace.getTracer('options') };
}

/** A diag logger that records what reaches it, as "level: message". */
function recorder() {
  const lines: string[] = [];
  const at =
    (level: string) =>
    (message: string): void => {
      lines.push(`${level}: ${message}`);
    };
  return {
    lines,
    logger: {
      error: at('error'),
      warn: at('warn'),
      info: at('info'),
      debug: at('debug'),
      verbose: at('verbose'),
    },
  };
}

function warnAboutValues(): void {
  globalState().warned.clear();
  propagateAttributes({ sessionId: 'conv\u0007bell', userId: 'ann@example.com' }, () => {});
  diag.debug('an OpenTelemetry debug line');
}

describe('the console logger registerThreadline installs', () => {
  it("passes Threadline's own warnings by default, not other libraries' lines", () => {
    const { lines, logger } = recorder();
    installDiagLogger(logLevelOf(undefined), logger);
    warnAboutValues();
    expect(lines.some((l) => l.startsWith('warn: threadline: sessionId'))).toBe(true);
    expect(
      lines.some((l) => l.startsWith('warn: threadline: userId') && /personal data/.test(l)),
    ).toBe(true);
    expect(lines.some((l) => l.includes('OpenTelemetry debug'))).toBe(false);
  });

  it('follows OTEL_LOG_LEVEL when no level is given, and the option over it', () => {
    process.env.OTEL_LOG_LEVEL = 'debug';
    const debug = recorder();
    installDiagLogger(logLevelOf(undefined), debug.logger);
    warnAboutValues();
    expect(debug.lines).toContain('debug: an OpenTelemetry debug line');
    const errorsOnly = recorder();
    installDiagLogger(logLevelOf('error'), errorsOnly.logger);
    warnAboutValues();
    expect(errorsOnly.lines).toEqual([]);
  });
});

describe('registerThreadline logLevel', () => {
  it("leaves the application's own diag logger alone with 'none', replaces it otherwise", async () => {
    const own = recorder();
    diag.setLogger(own.logger, DiagLogLevel.WARN);
    const { registration } = setUp({ logLevel: 'none' });
    warnAboutValues();
    await registration.shutdown();
    expect(own.lines.some((l) => l.startsWith('warn: threadline: sessionId'))).toBe(true);

    diag.disable();
    const replaced = recorder();
    diag.setLogger(replaced.logger, DiagLogLevel.WARN);
    const second = setUp();
    warnAboutValues();
    await second.registration.shutdown();
    expect(replaced.lines).toEqual([]);
  });
});

describe('registerThreadline export mode and sampling', () => {
  it("exports each span as it ends with exportMode 'immediate'", async () => {
    const { exporter, registration, tracer } = setUp({ logLevel: 'none' });
    tracer.startSpan('one').end();
    // No flush: an immediate exporter has the span as soon as it ended.
    expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual(['one']);
    await registration.shutdown();
  });

  it('keeps whole sessions at sampleRate', async () => {
    const { exporter, registration, tracer } = setUp({ logLevel: 'none', sampleRate: 0.5 });
    for (let s = 0; s < 400; s++) {
      for (let turn = 0; turn < 2; turn++) {
        propagateAttributes({ sessionId: `c-${s}` }, () => tracer.startSpan('turn').end());
      }
    }
    const perSession = new Map<unknown, number>();
    for (const span of exporter.getFinishedSpans()) {
      const id = span.attributes['session.id'];
      perSession.set(id, (perSession.get(id) ?? 0) + 1);
    }
    expect(perSession.size).toBeGreaterThan(120);
    expect(perSession.size).toBeLessThan(280);
    expect(new Set(perSession.values())).toEqual(new Set([2]));
    await registration.shutdown();
  });
});

describe('registerThreadline flush', () => {
  it('never rejects when the exporter fails; the failure is reported as an error', async () => {
    const { lines, logger } = recorder();
    const failing = {
      export: (_spans: unknown, done: (result: { code: number; error?: Error }) => void) =>
        done({ code: 1, error: new Error('collector down') }),
      forceFlush: () => Promise.reject(new Error('collector down')),
      shutdown: () => Promise.resolve(),
    };
    const registration = registerThreadline({ exporter: failing as never, logLevel: 'none' });
    diag.setLogger(logger, DiagLogLevel.ERROR);
    trace.getTracer('flush').startSpan('lost').end();
    await expect(registration.forceFlush()).resolves.toBeUndefined();
    await expect(registration.shutdown()).resolves.toBeUndefined();
    expect(lines.some((l) => l.startsWith('error: threadline: could not flush'))).toBe(true);
  });
});
