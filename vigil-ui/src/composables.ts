// Small lifecycle helpers shared by the views.
import { onBeforeUnmount, onMounted, shallowRef, type Ref } from 'vue';

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
