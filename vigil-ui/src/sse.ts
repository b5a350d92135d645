// The live stream (GET /api/v1/stream): typed event parsing and an EventSource that comes back
// after the server drops it for good (restart, 5xx), not only after the transient network errors
// the browser retries by itself.
import { ApiError, api, type CheckResult, type Point } from './api';
import { isCheckStatus } from './lib/checks';

export interface PointsEvent {
  type: 'points';
  host: string;
  points: Point[];
}

export interface HostEvent {
  type: 'host';
  host: string;
  online: boolean;
}

export interface ChecksEvent {
  type: 'checks';
  host: string;
  results: CheckResult[];
}

/** A problem was opened, changed severity, acknowledged, resolved or closed. */
export interface ProblemStreamEvent {
  type: 'problem';
  id: number | string;
  host: string;
  severity: string;
  status: string;
  text: string;
  suppressed: string | null;
}

/** An in-app notification for the logged-in user; its payload is shown as the server words it. */
export interface NotificationStreamEvent {
  type: 'notification';
  body: Record<string, unknown>;
}

export type StreamEvent = PointsEvent | HostEvent | ChecksEvent | ProblemStreamEvent | NotificationStreamEvent;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isPoint(v: unknown): v is Point {
  return (
    isRecord(v) &&
    typeof v.measurement === 'string' &&
    typeof v.timestamp === 'number' &&
    isRecord(v.fields) &&
    (v.tags === undefined || v.tags === null || isRecord(v.tags))
  );
}

function isCheckResult(v: unknown): v is CheckResult {
  return (
    isRecord(v) &&
    typeof v.item === 'string' &&
    typeof v.timestamp === 'number' &&
    isCheckStatus(v.status) &&
    (v.durationMs === undefined || typeof v.durationMs === 'number')
  );
}

function normaliseResult(r: CheckResult): CheckResult {
  return {
    ...r,
    kind: typeof r.kind === 'string' ? r.kind : '',
    message: typeof r.message === 'string' ? r.message : '',
    durationMs: typeof r.durationMs === 'number' ? r.durationMs : 0,
    metrics: isRecord(r.metrics) ? (r.metrics as Record<string, number>) : {},
    details: Array.isArray(r.details) ? r.details.filter((d): d is string => typeof d === 'string') : [],
  };
}

/**
 * Turns one SSE message into a typed event, or null when it is not one we understand: a bad
 * message must not break the page that listens.
 */
export function parseStreamEvent(type: string, data: string): StreamEvent | null {
  let body: unknown;
  try {
    body = JSON.parse(data);
  } catch {
    return null;
  }
  if (!isRecord(body)) {
    return null;
  }
  if (type === 'notification') {
    return { type: 'notification', body };
  }
  if (typeof body.host !== 'string') {
    return null;
  }
  if (type === 'problem' && (typeof body.id === 'number' || typeof body.id === 'string') && typeof body.severity === 'string') {
    return {
      type: 'problem',
      id: body.id,
      host: body.host,
      severity: body.severity.toLowerCase(),
      status: typeof body.status === 'string' ? body.status.toLowerCase() : 'open',
      text: typeof body.text === 'string' ? body.text : '',
      suppressed: typeof body.suppressed === 'string' ? body.suppressed : null,
    };
  }
  if (type === 'points' && Array.isArray(body.points)) {
    const points = body.points.filter(isPoint).map((p) => ({ ...p, tags: p.tags ?? {} }));
    return { type: 'points', host: body.host, points };
  }
  if (type === 'checks' && Array.isArray(body.results)) {
    return { type: 'checks', host: body.host, results: body.results.filter(isCheckResult).map(normaliseResult) };
  }
  if (type === 'host' && typeof body.online === 'boolean') {
    return { type: 'host', host: body.host, online: body.online };
  }
  return null;
}

export interface StreamHandlers {
  onPoints?(event: PointsEvent): void;
  onHost?(event: HostEvent): void;
  onChecks?(event: ChecksEvent): void;
  onProblem?(event: ProblemStreamEvent): void;
  onNotification?(event: NotificationStreamEvent): void;
  /** Called on every (re)connection: data sent while disconnected is lost, so refresh here. */
  onOpen?(): void;
}

/** The part of EventSource this module uses, so tests can substitute it. */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((ev: Event) => unknown) | null;
  onerror: ((ev: Event) => unknown) | null;
  addEventListener(type: string, listener: (ev: MessageEvent<string>) => void): void;
  close(): void;
}

export interface StreamDeps {
  connect(url: string): EventSourceLike;
  /** false when the session is gone: reconnecting would only be refused again. */
  sessionAlive(): Promise<boolean>;
}

const CLOSED = 2;
const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;

const browserDeps: StreamDeps = {
  connect: (url) => new EventSource(url),
  async sessionAlive() {
    try {
      await api.checkSession();
      return true;
    } catch (e) {
      // Anything but a 401 (server down) is worth another attempt later.
      return !(e instanceof ApiError && e.status === 401);
    }
  },
};

export function streamUrl(host: string | null): string {
  return host === null ? '/api/v1/stream' : `/api/v1/stream?host=${encodeURIComponent(host)}`;
}

/** Opens the stream and keeps it open until the returned function is called. */
export function openStream(
  host: string | null,
  handlers: StreamHandlers,
  deps: StreamDeps = browserDeps,
): () => void {
  let source: EventSourceLike | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let retryMs = FIRST_RETRY_MS;
  let stopped = false;

  const dispatch = (type: string) => (ev: MessageEvent<string>) => {
    const event = parseStreamEvent(type, ev.data);
    if (event?.type === 'points') handlers.onPoints?.(event);
    if (event?.type === 'host') handlers.onHost?.(event);
    if (event?.type === 'checks') handlers.onChecks?.(event);
    if (event?.type === 'problem') handlers.onProblem?.(event);
    if (event?.type === 'notification') handlers.onNotification?.(event);
  };

  const connect = () => {
    timer = null;
    const es = deps.connect(streamUrl(host));
    source = es;
    es.onopen = () => {
      retryMs = FIRST_RETRY_MS;
      handlers.onOpen?.();
    };
    es.onerror = () => {
      // CONNECTING means the browser is already retrying; CLOSED means it gave up.
      if (es.readyState !== CLOSED || stopped) return;
      es.close();
      source = null;
      void deps.sessionAlive().then((alive) => {
        if (!alive || stopped) return;
        timer = setTimeout(connect, retryMs);
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
      });
    };
    es.addEventListener('points', dispatch('points'));
    es.addEventListener('host', dispatch('host'));
    es.addEventListener('checks', dispatch('checks'));
    es.addEventListener('problem', dispatch('problem'));
    es.addEventListener('notification', dispatch('notification'));
  };

  connect();
  return () => {
    stopped = true;
    if (timer !== null) clearTimeout(timer);
    source?.close();
  };
}

/**
 * One stream for the whole page, shared by whoever listens to every host (the header's banner,
 * the host list, the problems screen): browsers allow few connections per server, and each
 * EventSource holds one. Opened with the first subscriber, closed with the last.
 */
export function createSharedStream(open: (handlers: StreamHandlers) => () => void = (h) => openStream(null, h)) {
  const subscribers = new Set<StreamHandlers>();
  let close: (() => void) | null = null;
  let isOpen = false;
  const each = (fn: (h: StreamHandlers) => void) => [...subscribers].forEach(fn);
  const fanOut: StreamHandlers = {
    onOpen: () => {
      isOpen = true;
      each((h) => h.onOpen?.());
    },
    onPoints: (e) => each((h) => h.onPoints?.(e)),
    onHost: (e) => each((h) => h.onHost?.(e)),
    onChecks: (e) => each((h) => h.onChecks?.(e)),
    onProblem: (e) => each((h) => h.onProblem?.(e)),
    onNotification: (e) => each((h) => h.onNotification?.(e)),
  };
  return function subscribe(handlers: StreamHandlers): () => void {
    subscribers.add(handlers);
    if (close === null) {
      isOpen = false;
      close = open(fanOut);
    } else if (isOpen) {
      // Joined an open stream: this is the subscriber's first open, as if it had connected itself.
      queueMicrotask(() => subscribers.has(handlers) && handlers.onOpen?.());
    }
    return () => {
      if (!subscribers.delete(handlers) || subscribers.size > 0) return;
      close?.();
      close = null;
      isOpen = false;
    };
  };
}

/** The page-wide stream of all hosts. */
export const subscribeStream = createSharedStream();
