// Small lifecycle and state helpers shared by the views.
import { onBeforeUnmount, onMounted, ref, shallowRef, type Ref } from 'vue';
import { subscribeStream, type StreamHandlers } from './sse';

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

/** The stream events that can ask for a reload. */
export type ReloadEvent = 'points' | 'host' | 'checks' | 'problem' | 'notification';

export interface LiveReloadOptions {
  /** Bursts of events within this window cost one reload (default 300 ms). */
  debounceMs?: number;
  /** A safety refresh every `everyMs`, for anything a lost event would have told; none if absent. */
  everyMs?: number;
  /** Other handlers on the same subscription; a reload event still reloads after its handler. */
  handlers?: Omit<StreamHandlers, 'onOpen'>;
  /** The stream to subscribe to: the page-wide one unless a test substitutes it. */
  subscribe?: (handlers: StreamHandlers) => () => void;
}

/**
 * Keeps something loaded by `reload` live: loads now, again (debounced) on each of `events`, again
 * on every reconnection of the stream after the first (events sent while disconnected are lost)
 * and every `everyMs`. Returns the function that stops all of it.
 */
export function startLiveReload(events: ReloadEvent[], reload: () => unknown, options: LiveReloadOptions = {}): () => void {
  const { debounceMs = 300, everyMs, handlers = {}, subscribe = subscribeStream } = options;
  let debounce: ReturnType<typeof setTimeout> | undefined;
  let every: ReturnType<typeof setInterval> | undefined;
  const reloadSoon = () => {
    if (debounce !== undefined) return;
    debounce = setTimeout(() => {
      debounce = undefined;
      void reload();
    }, debounceMs);
  };
  const then = <E>(event: ReloadEvent, own: ((e: E) => void) | undefined): ((e: E) => void) | undefined =>
    events.includes(event)
      ? (e: E) => {
          own?.(e);
          reloadSoon();
        }
      : own;
  void reload();
  let opened = false;
  const unsubscribe = subscribe({
    onOpen: () => {
      // The first open follows the initial load; later ones follow a gap in the stream.
      if (opened) void reload();
      opened = true;
    },
    onPoints: then('points', handlers.onPoints),
    onHost: then('host', handlers.onHost),
    onChecks: then('checks', handlers.onChecks),
    onProblem: then('problem', handlers.onProblem),
    onNotification: then('notification', handlers.onNotification),
  });
  if (everyMs !== undefined) every = setInterval(() => void reload(), everyMs);
  return () => {
    unsubscribe();
    clearTimeout(debounce);
    clearInterval(every);
  };
}

/** {@link startLiveReload} while the component is mounted. */
export function useLiveReload(events: ReloadEvent[], reload: () => unknown, options: LiveReloadOptions = {}): void {
  let stop: () => void = () => {};
  onMounted(() => (stop = startLiveReload(events, reload, options)));
  onBeforeUnmount(() => stop());
}
