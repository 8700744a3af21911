import { context, createContextKey, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { createSpanCapture } from '@threadline/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallContext, callContext, isRunning, releaseCallContext } from './call-context';

const CALLER_KEY = createContextKey('caller value');
const capture = createSpanCapture();
const tracer = capture.tracer('call-context-test');

beforeAll(() => capture.install());
afterAll(() => capture.uninstall());

describe('callContext', () => {
  it('is the caller context with the span active and the SDK object running', () => {
    const caller = ROOT_CONTEXT.setValue(CALLER_KEY, 'kept');
    const span = tracer.startSpan('call');
    const target = {};
    const ctx = callContext(caller, span, target);
    expect(ctx).toBeInstanceOf(CallContext);
    expect(trace.getSpan(ctx)).toBe(span);
    expect(ctx.getValue(CALLER_KEY)).toBe('kept');
    expect(context.with(ctx, () => isRunning(target))).toBe(true);
    expect(context.with(ctx, () => isRunning({}))).toBe(false);
    expect(isRunning(target)).toBe(false);
    span.end();
  });

  it('derives contexts of the API that hold what it holds', () => {
    const span = tracer.startSpan('call');
    const target = {};
    const ctx = callContext(ROOT_CONTEXT.setValue(CALLER_KEY, 'kept'), span, target);
    const key = createContextKey('derived');
    const derived = ctx.setValue(key, 1);
    expect(derived).not.toBeInstanceOf(CallContext);
    expect(derived.getValue(key)).toBe(1);
    expect(derived.getValue(CALLER_KEY)).toBe('kept');
    expect(trace.getSpan(derived)).toBe(span);
    expect(context.with(derived, () => isRunning(target))).toBe(true);
    const without = ctx.deleteValue(CALLER_KEY);
    expect(without.getValue(CALLER_KEY)).toBeUndefined();
    expect(trace.getSpan(without)).toBe(span);
    span.end();
  });

  it('keeps only the span identity once released', () => {
    const span = tracer.startSpan('call');
    const target = {};
    const ctx = callContext(ROOT_CONTEXT, span, target);
    expect(trace.getSpan(ctx.setValue(CALLER_KEY, 1))).toBe(span);
    span.end();
    releaseCallContext(ctx);
    const after = trace.getSpan(ctx);
    expect(after).not.toBe(span);
    expect(after?.isRecording()).toBe(false);
    expect(after?.spanContext()).toEqual(span.spanContext());
    expect(trace.getSpan(ctx.setValue(CALLER_KEY, 1))).toBe(after);
    expect(context.with(ctx, () => isRunning(target))).toBe(true);
  });
});
