import { Observable } from 'rxjs';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { type ReadAllPage, type StoredEvent } from './event-store';
import { type Position } from './position';

export interface FollowSource {
  read(after: Position | undefined): Promise<ReadAllPage>;
  /** A mark taken before a read; `waitSince(mark)` resolves once the log may have grown past that read (or on abort). */
  mark(): number;
  waitSince(mark: number, signal: AbortSignal): Promise<void>;
}

/**
 * Catch-up then live as one pull loop: it always reads the log after the last position it delivered,
 * so the hand-over from catch-up to live cannot skip or repeat an event. Yields to the event loop
 * between pages so a long catch-up never starves other work.
 */
export async function* follow(source: FollowSource, after: Position | undefined, signal: AbortSignal): AsyncGenerator<StoredEvent> {
  let cursor = after;
  while (!signal.aborted) {
    const mark = source.mark();
    const page = await source.read(cursor);
    for (const event of page.events) {
      if (signal.aborted) return;
      yield event;
    }
    cursor = page.next ?? cursor;
    if (page.isEnd) await source.waitSince(mark, signal);
    else await yieldToEventLoop();
  }
}

/** An async iterable as an rxjs Observable; unsubscribing aborts the iteration. */
export const observe = <T>(make: (signal: AbortSignal) => AsyncIterable<T>): Observable<T> =>
  new Observable<T>((subscriber) => {
    const abort = new AbortController();
    const pump = async (): Promise<void> => {
      try {
        for await (const item of make(abort.signal)) {
          if (abort.signal.aborted) return;
          subscriber.next(item);
        }
        subscriber.complete();
      } catch (error) {
        if (!abort.signal.aborted) subscriber.error(error);
      }
    };
    void pump();
    return () => abort.abort();
  });
