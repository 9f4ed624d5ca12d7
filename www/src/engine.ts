// The page's side of the engine worker: each request returns a promise; progress of a long
// run goes to a callback; stop() interrupts a run between two slices.
import type { Request, Progress, FetchProgress } from './protocol';

export class Engine {
  private worker: Worker;
  private next = 1;
  private waiting = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  onProgress: (p: Progress) => void = () => {};
  onFetch: (p: FetchProgress) => void = () => {};

  constructor() {
    this.worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (ev: MessageEvent) => {
      const m = ev.data;
      if (m.kind === 'progress') {
        this.onProgress(m as Progress);
        return;
      }
      if (m.kind === 'fetch') {
        this.onFetch(m as FetchProgress);
        return;
      }
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (m.ok) w.resolve(m.value);
      else w.reject(new Error(m.error));
    };
  }

  send<T>(req: Request): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, req });
    });
  }

  /** Asks a long run to stop after its current slice; its promise then rejects. */
  stop() {
    this.worker.postMessage({ id: 0, req: { kind: 'stop' } });
  }
}
