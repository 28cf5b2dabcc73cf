import type { ContentBlock, Message } from './types.js';

/**
 * The server-sent events of a streamed answer, in the real API's order: message_start (empty
 * content), per block content_block_start / deltas / content_block_stop (a ping after the first
 * start), message_delta (stop reason, final usage), message_stop. The final message the SDK
 * accumulates equals the non-streamed answer.
 */
export interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

/** Splits text into small pieces, preferring to end a piece after a space. */
export function chunkText(text: string, size = 12): string[] {
  const chars = Array.from(text);
  const chunks: string[] = [];
  let start = 0;
  while (start < chars.length) {
    let end = Math.min(start + size, chars.length);
    if (end < chars.length) {
      const space = chars.slice(start, end).lastIndexOf(' ');
      if (space > 0) end = start + space + 1;
    }
    chunks.push(chars.slice(start, end).join(''));
    start = end;
  }
  return chunks;
}

function startBlock(block: ContentBlock): Record<string, unknown> {
  return block.type === 'text' ? { type: 'text', text: '' } : { type: 'tool_use', id: block.id, name: block.name, input: {} };
}

function deltas(block: ContentBlock): Array<Record<string, unknown>> {
  if (block.type === 'text') return chunkText(block.text).map((text) => ({ type: 'text_delta', text }));
  const json = JSON.stringify(block.input);
  // The API opens a tool_use block with an empty partial_json before the first real piece.
  return [{ type: 'input_json_delta', partial_json: '' }, ...chunkText(json, 24).map((partial_json) => ({ type: 'input_json_delta', partial_json }))];
}

export function streamEvents(message: Message): SseEvent[] {
  const events: SseEvent[] = [
    {
      event: 'message_start',
      data: {
        type: 'message_start',
        message: { ...message, content: [], stop_reason: null, stop_sequence: null, usage: { ...message.usage, output_tokens: 1 } },
      },
    },
  ];
  message.content.forEach((block, index) => {
    events.push({ event: 'content_block_start', data: { type: 'content_block_start', index, content_block: startBlock(block) } });
    if (index === 0) events.push({ event: 'ping', data: { type: 'ping' } });
    for (const delta of deltas(block)) events.push({ event: 'content_block_delta', data: { type: 'content_block_delta', index, delta } });
    events.push({ event: 'content_block_stop', data: { type: 'content_block_stop', index } });
  });
  if (message.content.length === 0) events.push({ event: 'ping', data: { type: 'ping' } });
  events.push({
    event: 'message_delta',
    data: {
      type: 'message_delta',
      delta: { stop_reason: message.stop_reason, stop_sequence: message.stop_sequence, stop_details: null },
      usage: { input_tokens: message.usage.input_tokens, output_tokens: message.usage.output_tokens },
    },
  });
  events.push({ event: 'message_stop', data: { type: 'message_stop' } });
  return events;
}

export function formatSse(event: SseEvent): string {
  return `event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`;
}
