import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSharedStream, openStream, parseStreamEvent, streamUrl, type EventSourceLike, type StreamDeps, type StreamHandlers } from './sse';

describe('parseStreamEvent', () => {
  it('parses a points event and defaults missing tags', () => {
    const data = JSON.stringify({
      host: 'web-1',
      points: [
        { measurement: 'cpu', tags: { cpu: 'total' }, fields: { user_pct: 3.1 }, timestamp: 1000 },
        { measurement: 'load', fields: { load1: 0.5 }, timestamp: 1000 },
      ],
    });
    expect(parseStreamEvent('points', data)).toEqual({
      type: 'points',
      host: 'web-1',
      points: [
        { measurement: 'cpu', tags: { cpu: 'total' }, fields: { user_pct: 3.1 }, timestamp: 1000 },
        { measurement: 'load', tags: {}, fields: { load1: 0.5 }, timestamp: 1000 },
      ],
    });
  });

  it('drops malformed points but keeps the good ones', () => {
    const data = JSON.stringify({ host: 'h', points: [{ measurement: 'cpu' }, 42, { measurement: 'mem', fields: { used_pct: 1 }, timestamp: 5 }] });
    const event = parseStreamEvent('points', data);
    expect(event?.type === 'points' && event.points.map((p) => p.measurement)).toEqual(['mem']);
  });

  it('parses a host event', () => {
    expect(parseStreamEvent('host', '{"host":"web-1","online":false}')).toEqual({ type: 'host', host: 'web-1', online: false });
  });

  it('parses a checks event, dropping results without item or a known status', () => {
    const data = JSON.stringify({
      host: 'web-1',
      results: [
        { item: 'nginx_port', kind: 'port', timestamp: 1000, status: 'CRITICAL', message: 'refused', durationMs: 1.2, metrics: { connect_ms: 0.4 }, details: [] },
        { item: 'bad', kind: 'port', timestamp: 1000, status: 'BROKEN' },
        { kind: 'port', timestamp: 1000, status: 'OK' },
        { item: 'log', kind: 'log', timestamp: 2000, status: 'OK' },
      ],
    });
    expect(parseStreamEvent('checks', data)).toEqual({
      type: 'checks',
      host: 'web-1',
      results: [
        { item: 'nginx_port', kind: 'port', timestamp: 1000, status: 'CRITICAL', message: 'refused', durationMs: 1.2, metrics: { connect_ms: 0.4 }, details: [] },
        { item: 'log', kind: 'log', timestamp: 2000, status: 'OK', message: '', durationMs: 0, metrics: {}, details: [] },
      ],
    });
  });

  it('returns null for anything it does not understand', () => {
    expect(parseStreamEvent('points', 'not json')).toBeNull();
    expect(parseStreamEvent('points', '{"points":[]}')).toBeNull();
    expect(parseStreamEvent('host', '{"host":"h","online":"yes"}')).toBeNull();
    expect(parseStreamEvent('alarm', '{"host":"h"}')).toBeNull();
    expect(parseStreamEvent('checks', '{"host":"h","results":{}}')).toBeNull();
  });

  it('builds the stream URL with the host escaped', () => {
    expect(streamUrl(null)).toBe('/api/v1/stream');
    expect(streamUrl('a b&c')).toBe('/api/v1/stream?host=a%20b%26c');
  });
});

class FakeSource implements EventSourceLike {
  readyState = 0;
  onopen: ((ev: Event) => unknown) | null = null;
  onerror: ((ev: Event) => unknown) | null = null;
  closed = false;
  listeners = new Map<string, (ev: MessageEvent<string>) => void>();
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (ev: MessageEvent<string>) => void) {
    this.listeners.set(type, listener);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  open() {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  emit(type: string, data: string) {
    this.listeners.get(type)?.({ data } as MessageEvent<string>);
  }
  fail(readyState: number) {
    this.readyState = readyState;
    this.onerror?.(new Event('error'));
  }
}

describe('openStream', () => {
  let sources: FakeSource[];
  let alive: boolean;
  let deps: StreamDeps;

  beforeEach(() => {
    vi.useFakeTimers();
    sources = [];
    alive = true;
    deps = {
      connect: (url) => {
        const s = new FakeSource(url);
        sources.push(s);
        return s;
      },
      sessionAlive: () => Promise.resolve(alive),
    };
  });
  afterEach(() => vi.useRealTimers());

  it('dispatches typed events to the handlers', () => {
    const onPoints = vi.fn();
    const onHost = vi.fn();
    const onOpen = vi.fn();
    const onChecks = vi.fn();
    openStream('web-1', { onPoints, onHost, onOpen, onChecks }, deps);
    const s = sources[0]!;
    expect(s.url).toBe('/api/v1/stream?host=web-1');
    s.open();
    s.emit('points', '{"host":"web-1","points":[]}');
    s.emit('host', '{"host":"web-1","online":true}');
    s.emit('points', 'garbage');
    s.emit('checks', '{"host":"web-1","results":[]}');
    expect(onOpen).toHaveBeenCalledOnce();
    expect(onPoints).toHaveBeenCalledExactlyOnceWith({ type: 'points', host: 'web-1', points: [] });
    expect(onHost).toHaveBeenCalledExactlyOnceWith({ type: 'host', host: 'web-1', online: true });
    expect(onChecks).toHaveBeenCalledExactlyOnceWith({ type: 'checks', host: 'web-1', results: [] });
  });

  it('leaves transient errors to the browser, which is already reconnecting', async () => {
    openStream(null, {}, deps);
    sources[0]!.fail(0);
    await vi.runAllTimersAsync();
    expect(sources).toHaveLength(1);
    expect(sources[0]!.closed).toBe(false);
  });

  it('reconnects with growing delays after the server closed the stream, resetting on success', async () => {
    openStream(null, {}, deps);
    sources[0]!.fail(2);
    await vi.advanceTimersByTimeAsync(999);
    expect(sources).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sources).toHaveLength(2);

    sources[1]!.fail(2);
    await vi.advanceTimersByTimeAsync(1999);
    expect(sources).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(sources).toHaveLength(3);

    sources[2]!.open();
    sources[2]!.fail(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sources).toHaveLength(4);
  });

  it('stops when the session is gone', async () => {
    alive = false;
    openStream(null, {}, deps);
    sources[0]!.fail(2);
    await vi.runAllTimersAsync();
    expect(sources).toHaveLength(1);
  });

  it('closes for good when the caller is done', async () => {
    const close = openStream(null, {}, deps);
    sources[0]!.fail(2);
    close();
    await vi.runAllTimersAsync();
    expect(sources).toHaveLength(1);
    expect(sources[0]!.closed).toBe(true);
  });
});

describe('problem and notification events', () => {
  it('parses a problem event, lower-casing severity and status', () => {
    const data = JSON.stringify({ id: 12, host: 'web-1', severity: 'MAJOR', status: 'OPEN', text: 'CPU busy', suppressed: null });
    expect(parseStreamEvent('problem', data)).toEqual({ type: 'problem', id: 12, host: 'web-1', severity: 'major', status: 'open', text: 'CPU busy', suppressed: null });
    expect(parseStreamEvent('problem', '{"host":"h","severity":"major"}')).toBeNull();
    expect(parseStreamEvent('problem', '{"id":1,"severity":"major"}')).toBeNull();
  });

  it('passes a notification payload through, with or without a host', () => {
    expect(parseStreamEvent('notification', '{"id":3,"text":"hello"}')).toEqual({ type: 'notification', body: { id: 3, text: 'hello' } });
    expect(parseStreamEvent('notification', '[1]')).toBeNull();
  });

  it('dispatches them from the stream', () => {
    const source = new FakeSource('x');
    const onProblem = vi.fn();
    const onNotification = vi.fn();
    openStream(null, { onProblem, onNotification }, { connect: () => source, sessionAlive: () => Promise.resolve(true) });
    source.emit('problem', '{"id":"7","host":"h","severity":"info","status":"resolved","text":"","suppressed":"silence"}');
    source.emit('notification', '{"id":1}');
    expect(onProblem).toHaveBeenCalledExactlyOnceWith({ type: 'problem', id: '7', host: 'h', severity: 'info', status: 'resolved', text: '', suppressed: 'silence' });
    expect(onNotification).toHaveBeenCalledOnce();
  });
});

describe('createSharedStream', () => {
  it('opens one stream for all subscribers and closes it with the last', async () => {
    let fan: StreamHandlers | null = null;
    const close = vi.fn();
    const open = vi.fn((h: StreamHandlers) => {
      fan = h;
      return close;
    });
    const subscribe = createSharedStream(open);
    const a = { onOpen: vi.fn(), onProblem: vi.fn() };
    const b = { onOpen: vi.fn(), onProblem: vi.fn() };
    const offA = subscribe(a);
    fan!.onOpen!();
    const offB = subscribe(b);
    expect(open).toHaveBeenCalledOnce();
    await Promise.resolve();
    // A late subscriber hears the open it missed, once.
    expect(b.onOpen).toHaveBeenCalledOnce();
    expect(a.onOpen).toHaveBeenCalledOnce();
    const event = { type: 'problem' as const, id: 1, host: 'h', severity: 'major', status: 'open', text: '', suppressed: null };
    fan!.onProblem!(event);
    expect(a.onProblem).toHaveBeenCalledWith(event);
    expect(b.onProblem).toHaveBeenCalledWith(event);
    offA();
    expect(close).not.toHaveBeenCalled();
    fan!.onProblem!(event);
    expect(a.onProblem).toHaveBeenCalledOnce();
    offB();
    expect(close).toHaveBeenCalledOnce();
    subscribe({});
    expect(open).toHaveBeenCalledTimes(2);
  });
});
