import type { EventName, Events, Unsubscribe } from '../../shared/api';

type Listener<E extends EventName> = (payload: Events[E]) => void;

/** A typed in-process event bus for the contract's event streams; transports forward it to clients. */
export class EventBus {
  private readonly listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  /** Subscribes to one event stream; returns a function that unsubscribes. */
  on<E extends EventName>(event: E, listener: Listener<E>): Unsubscribe {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const l = listener as (payload: unknown) => void;
    set.add(l);
    return () => set.delete(l);
  }

  /** Sends an event to every listener; a throwing listener does not stop the others. */
  emit<E extends EventName>(event: E, payload: Events[E]): void {
    for (const l of this.listeners.get(event) ?? []) {
      try {
        l(payload);
      } catch (err) {
        console.error(`Listener for ${event} failed:`, err);
      }
    }
  }
}
