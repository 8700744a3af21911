import { afterEach, describe, expect, it, vi } from 'vitest';
import { recordingOf } from './recording';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('recordingOf', () => {
  it('on by default, off with THREADLINE_CAPTURE_CONTENT=false', () => {
    expect(recordingOf(undefined, undefined)).toEqual({ recordInputs: true, recordOutputs: true });
    vi.stubEnv('THREADLINE_CAPTURE_CONTENT', 'false');
    expect(recordingOf(undefined, undefined)).toEqual({
      recordInputs: false,
      recordOutputs: false,
    });
  });

  it('what the options set wins, each on its own; a non-boolean is left to the setting', () => {
    vi.stubEnv('THREADLINE_CAPTURE_CONTENT', 'false');
    expect(recordingOf(true, undefined)).toEqual({ recordInputs: true, recordOutputs: false });
    expect(recordingOf('yes', false)).toEqual({ recordInputs: false, recordOutputs: false });
  });
});
