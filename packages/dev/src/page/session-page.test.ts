import { describe, expect, it } from 'vitest';
import { DEMO_SESSION_ID, DEMO_SESSION_SPANS } from '../../test/support/demo-session';
import { createPricing } from '../prices/pricing';
import { openDevStore } from '../store/dev-store';
import { createDevView } from '../view/dev-view';
import { renderSessionPage } from './session-page';

describe('renderSessionPage', () => {
  it('shows a turn that cannot be rendered as a marked placeholder, alone', () => {
    const store = openDevStore({ path: ':memory:' });
    try {
      store.insertSpans(DEMO_SESSION_SPANS);
      const prices = createPricing();
      const detail = createDevView({ store, prices }).session(DEMO_SESSION_ID)!;
      const broken = Object.defineProperty({ ...detail.traces[1]! }, 'observations', {
        get() {
          throw new RangeError('Maximum call stack size exceeded');
        },
      });
      const traces = detail.traces.map((trace, n) => (n === 1 ? broken : trace));
      const page = renderSessionPage({
        detail: { ...detail, traces },
        prices,
      }).value;
      expect(page.match(/data-testid="turn"/g)).toHaveLength(4);
      expect(page).toContain('[this value cannot be shown: Maximum call stack size exceeded]');
      // The other turns read as usual, their tokens counted over model calls.
      expect(page).toContain('Hi, where is my order #A1042?');
      expect(page).toContain('That is not good enough. I want to talk to a person.');
      expect(page).toContain('234 tokens');
    } finally {
      store.close();
    }
  });
});
