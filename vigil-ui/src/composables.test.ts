import { describe, expect, it } from 'vitest';
import { useAction, useLoad } from './composables';

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
