// Keeps a panel live: reloads when the stream brings points (or problem changes) for its hosts,
// throttled so a busy host costs at most one reload per window, and every refreshSeconds.
import { onBeforeUnmount, onMounted } from 'vue';
import { subscribeStream } from '../../sse';
import { throttle } from '../../lib/dashboardPanels';

export const LIVE_THROTTLE_MS = 5000;

export function usePanelRefresh(
  hosts: () => string[],
  refreshSeconds: () => number,
  reload: () => unknown,
  events: { points?: boolean; problems?: boolean } = { points: true },
): void {
  let stop: () => void = () => {};
  onMounted(() => {
    const soon = throttle(() => void reload(), LIVE_THROTTLE_MS);
    const mine = (host: string) => hosts().includes(host);
    let opened = false;
    const unsubscribe = subscribeStream({
      onOpen: () => {
        if (opened) soon();
        opened = true;
      },
      onPoints: (e) => {
        if (events.points && mine(e.host)) soon();
      },
      onHost: (e) => {
        if (mine(e.host)) soon();
      },
      onProblem: (e) => {
        if (events.problems && mine(e.host)) soon();
      },
    });
    const seconds = refreshSeconds();
    const every = seconds > 0 ? setInterval(() => void reload(), seconds * 1000) : undefined;
    stop = () => {
      unsubscribe();
      clearInterval(every);
    };
  });
  onBeforeUnmount(() => stop());
}
