import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startLiveReload, useAction, useLoad } from './composables';
import type { ProblemStreamEvent, StreamHandlers } from './sse';

describe('useAction', () => {
  it('clears the last error, then keeps the message of a failure', async () => {
    const { error, run } = useAction();
    await run(() => Promise.reject(new Error('409 a template named x exists')));
    expect(error.value).toBe('409 a template named x exists');
    let ran = false;
    await run(async () => {
      expect(error.value).toBeNull();
      ran = true;
    });
    expect(ran).toBe(true);
    expect(error.value).toBeNull();
  });
});

describe('useLoad', () => {
  it('marks loaded after the first attempt and keeps an error until a load succeeds', async () => {
    let fail = true;
    const { loaded, error, load } = useLoad(async () => {
      if (fail) throw new Error('network down');
    });
    expect(loaded.value).toBe(false);
    await load();
    expect(loaded.value).toBe(true);
    expect(error.value).toBe('network down');
    fail = false;
    const pending = load();
    expect(error.value).toBe('network down');
    await pending;
    expect(error.value).toBeNull();
  });
});

describe('startLiveReload', () => {
  const problem: ProblemStreamEvent = { type: 'problem', id: 1, host: 'h', severity: 'high', status: 'open', text: '', suppressed: null };
  let handlers: StreamHandlers = {};
  let unsubscribed = 0;
  const subscribe = (h: StreamHandlers) => {
    handlers = h;
    return () => unsubscribed++;
  };

  beforeEach(() => {
    vi.useFakeTimers();
    handlers = {};
    unsubscribed = 0;
  });
  afterEach(() => vi.useRealTimers());

  it('loads at once, then once per burst of the chosen events, after other handlers', () => {
    const calls: string[] = [];
    const stop = startLiveReload(['problem'], () => calls.push('reload'), {
      debounceMs: 500,
      subscribe,
      handlers: { onProblem: () => calls.push('own'), onHost: () => calls.push('host') },
    });
    expect(calls).toEqual(['reload']);
    handlers.onProblem?.(problem);
    handlers.onProblem?.(problem);
    vi.advanceTimersByTime(499);
    expect(calls).toEqual(['reload', 'own', 'own']);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual(['reload', 'own', 'own', 'reload']);
    handlers.onHost?.({ type: 'host', host: 'h', online: true });
    vi.advanceTimersByTime(1000);
    expect(calls).toEqual(['reload', 'own', 'own', 'reload', 'host']);
    expect(handlers.onChecks).toBeUndefined();
    stop();
    expect(unsubscribed).toBe(1);
  });

  it('reloads on every reconnection but not on the first open', () => {
    let reloads = 0;
    startLiveReload([], () => reloads++, { subscribe });
    handlers.onOpen?.();
    expect(reloads).toBe(1);
    handlers.onOpen?.();
    handlers.onOpen?.();
    expect(reloads).toBe(3);
  });

  it('refreshes every everyMs, and stops all timers when stopped', () => {
    let reloads = 0;
    const stop = startLiveReload(['problem'], () => reloads++, { everyMs: 60_000, subscribe });
    vi.advanceTimersByTime(120_000);
    expect(reloads).toBe(3);
    handlers.onProblem?.(problem);
    stop();
    vi.advanceTimersByTime(600_000);
    expect(reloads).toBe(3);
  });
});
