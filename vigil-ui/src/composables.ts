// Small lifecycle and state helpers shared by the views.
import { onBeforeUnmount, onMounted, ref, shallowRef, type Ref } from 'vue';

/** A wall clock that ticks every `ms` while the component is mounted. */
export function useNow(ms: number): Ref<number> {
  const now = shallowRef(Date.now());
  let timer: ReturnType<typeof setInterval> | undefined;
  onMounted(() => (timer = setInterval(() => (now.value = Date.now()), ms)));
  onBeforeUnmount(() => clearInterval(timer));
  return now;
}

/** Runs `fn` every `ms` while mounted (not immediately: callers load on their own first). */
export function useInterval(fn: () => void, ms: number): void {
  let timer: ReturnType<typeof setInterval> | undefined;
  onMounted(() => (timer = setInterval(fn, ms)));
  onBeforeUnmount(() => clearInterval(timer));
}

/**
 * An action's error message, and `run`, which clears it, awaits the action and keeps the message
 * of its failure.
 */
export function useAction(): {
  error: Ref<string | null>;
  run: (action: () => Promise<unknown>) => Promise<void>;
} {
  const error = ref<string | null>(null);
  async function run(action: () => Promise<unknown>) {
    error.value = null;
    try {
      await action();
    } catch (e) {
      error.value = (e as Error).message;
    }
  }
  return { error, run };
}

/**
 * Loads with `fetch`: `error` keeps the message of the last failure until a load succeeds, `loaded`
 * turns true once the first load has ended.
 */
export function useLoad(fetch: () => Promise<unknown>): {
  loaded: Ref<boolean>;
  error: Ref<string | null>;
  load: () => Promise<void>;
} {
  const loaded = ref(false);
  const error = ref<string | null>(null);
  async function load() {
    try {
      await fetch();
      error.value = null;
    } catch (e) {
      error.value = (e as Error).message;
    } finally {
      loaded.value = true;
    }
  }
  return { loaded, error, load };
}

/**
 * `fn` at most once per `ms`: the first call schedules it, later calls in the window join that
 * run (bursts of stream events cost one reload). Cancelled on unmount.
 */
export function useDebounced(fn: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  onBeforeUnmount(() => clearTimeout(timer));
  return () => {
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      fn();
    }, ms);
  };
}
