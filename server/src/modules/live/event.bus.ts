import { canReadLayer } from '../auth/permissions';
import type { SessionUser } from '../auth/permissions';

export type LiveOperation = 'create' | 'update' | 'delete' | 'restore' | 'bulk';

/** One committed change as other maps receive it. */
export interface LiveEvent {
  /** Position in the stream (SSE id); increases by one per event. */
  seq: number;
  layer: string;
  /** null for 'bulk': many features of the layer changed (count says how many). */
  featureId: string | null;
  version: number | null;
  operation: LiveOperation;
  /** [minLon, minLat, maxLon, maxLat] of the feature (after the edit) or of the batch. */
  bbox: number[] | null;
  changedBy: string | null;
  changedAt: string;
  count?: number;
}

type Listener = (event: LiveEvent) => void;

/**
 * In-process publish/subscribe of committed edits, with a bounded ring of recent events so that a
 * client that reconnects with Last-Event-ID misses nothing still in the ring.
 */
export class EventBus {
  private readonly ring: LiveEvent[] = [];
  private readonly listeners = new Set<Listener>();
  private readonly closers = new Set<() => void>();
  private seq = 0;
  /** Starts each server's sequence at a fresh point so that an id from another run is not mistaken for ours. */
  readonly epoch = Date.now().toString(36);

  constructor(private readonly capacity = 1000) {}

  publish(events: Omit<LiveEvent, 'seq'>[]): void {
    for (const e of events) {
      const event = { ...e, seq: ++this.seq };
      this.ring.push(event);
      if (this.ring.length > this.capacity) this.ring.shift();
      for (const listener of this.listeners) listener(event);
    }
  }

  /** onClose: the server is stopping; end the stream (an open stream would hold the shutdown). */
  subscribe(listener: Listener, onClose?: () => void): () => void {
    this.listeners.add(listener);
    if (onClose) this.closers.add(onClose);
    return () => { this.listeners.delete(listener); if (onClose) this.closers.delete(onClose); };
  }

  close(): void {
    for (const close of [...this.closers]) close();
  }

  /**
   * Events after the given one, or null when they cannot all be given (the id is from another
   * server run, or older than the ring): then the client must reload its layers.
   */
  since(lastId: string): LiveEvent[] | null {
    const [epoch, n] = lastId.split('-');
    const last = Number(n);
    if (epoch !== this.epoch || !Number.isInteger(last) || last < 0 || last > this.seq) return null;
    const oldest = this.ring[0]?.seq ?? this.seq + 1;
    if (last < oldest - 1) return null;
    return this.ring.filter((e) => e.seq > last);
  }

  eventId(event: LiveEvent): string {
    return `${this.epoch}-${event.seq}`;
  }

  get subscribers(): number {
    return this.listeners.size;
  }
}

/**
 * The read-permission filter of the live stream: the layer read permission of the one permission
 * module (an event names its layer, feature id and extent, never attributes, so field restrictions
 * have nothing to remove). `layers` is the reader's view of the layer definitions by key.
 */
export function mayReceive(user: SessionUser | null, event: LiveEvent, allowAnonymousRead: boolean,
  layers: Map<string, Parameters<typeof canReadLayer>[1]>): boolean {
  if (!user && !allowAnonymousRead) return false;
  const layer = layers.get(event.layer);
  return !!layer && canReadLayer(user, layer);
}
