import type { ContentBlockParam, MessageParam, MessagesRequest } from './types.js';

/** The readable text of one content block: what a model would "see" of it. */
export function blockText(block: ContentBlockParam): string {
  switch (block.type) {
    case 'text':
      return block.text;
    case 'tool_use':
      return JSON.stringify(block.input);
    case 'tool_result':
      if (typeof block.content === 'string') return block.content;
      return (block.content ?? []).map((part) => (typeof part.text === 'string' ? part.text : '')).join('\n');
    case 'thinking':
      return block.thinking ?? '';
    default:
      return '';
  }
}

export function messageText(message: MessageParam): string {
  if (typeof message.content === 'string') return message.content;
  return message.content
    .map(blockText)
    .filter((text) => text !== '')
    .join('\n');
}

export function systemText(request: Pick<MessagesRequest, 'system'>): string {
  const { system } = request;
  if (system === undefined) return '';
  if (typeof system === 'string') return system;
  return system.map((block) => block.text).join('\n');
}

/** The last user turn: the question or facts the answer is about. */
export function latestUserText(messages: MessageParam[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message?.role === 'user') return messageText(message);
  }
  return '';
}

/** Everything the model is shown, in order: system prompt, then each turn. */
export function wholeText(request: Pick<MessagesRequest, 'system' | 'messages'>): string {
  return [systemText(request), ...request.messages.map(messageText)].filter((text) => text !== '').join('\n');
}

/** A text prefill in a final assistant turn, which the answer continues. */
export function assistantPrefill(messages: MessageParam[]): string {
  const last = messages[messages.length - 1];
  return last?.role === 'assistant' ? messageText(last) : '';
}
