/** One server-sent event (the `event:` name and its `data:` lines joined). */
export interface ServerEvent {
  event: string;
  data: string;
}

/** Parses a text/event-stream body as it arrives (WHATWG HTML, "server-sent events"). */
export async function* readEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<ServerEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  // A CR at the end of a piece may be the first half of a CRLF: it waits for the next piece.
  let carriedCr = false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      let piece: string = `${carriedCr ? '\r' : ''}${decoder.decode(value, { stream: true })}`;
      carriedCr = piece.endsWith('\r');
      if (carriedCr) piece = piece.slice(0, -1);
      buffer += piece.replace(/\r\n?/g, '\n');
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let event = 'message';
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line === '' || line.startsWith(':')) continue;
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'event') event = text;
          else if (field === 'data') data.push(text);
        }
        if (data.length > 0) yield { event, data: data.join('\n') };
      }
    }
  } finally {
    reader.releaseLock();
  }
}
