// In-process publish/subscribe of an exercise's shared live events (replay state, new alerts), which
// the SSE route streams to browsers. Per-trainee work is never published here: it is private.
import { EventEmitter } from 'node:events';
import type { LiveEvent } from './contract/api.js';

export class LabEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per open browser stream; the count is bounded by connections, not by code paths.
    this.emitter.setMaxListeners(0);
  }

  publish(exerciseId: number, event: LiveEvent): void {
    this.emitter.emit(`exercise:${exerciseId}`, event);
  }

  /** Returns the unsubscribe function. */
  subscribe(exerciseId: number, listener: (event: LiveEvent) => void): () => void {
    const name = `exercise:${exerciseId}`;
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }

  listenerCount(exerciseId: number): number {
    return this.emitter.listenerCount(`exercise:${exerciseId}`);
  }
}
