/** A minimal Server-Sent Events reader for tests: frames as { id, data } until `stop` says enough. */
export interface Frame {
  readonly id: string | undefined;
  readonly event: string | undefined;
  readonly data: string;
}

export const readEvents = async (url: string, headers: Record<string, string>, stop: (frames: Frame[]) => boolean, timeoutMs = 30_000): Promise<Frame[]> => {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  const frames: Frame[] = [];
  try {
    const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
    if (response.status !== 200 || !response.body) throw new Error(`SSE answered ${response.status}: ${await response.text()}`);
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const lines = block.split('\n');
        const data = lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
        if (data === '') continue; // comments, retry
        frames.push({ id: lines.find((l) => l.startsWith('id: '))?.slice(4), event: lines.find((l) => l.startsWith('event: '))?.slice(7), data });
      }
      if (stop(frames)) break;
    }
  } catch (error) {
    if (!abort.signal.aborted) throw error;
    throw new Error(`SSE timed out after ${frames.length} frames`);
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
  return frames;
};
