import type { ContentBlockParam, MessageParam, MessagesRequest } from './types.js';

/**
 * The checks the real API makes beyond field types, with its wording where known: turn order,
 * non-empty content, tool_use/tool_result pairing, tool names, tool_choice, and limits.
 * Returns the error to answer with, or undefined when the request is acceptable.
 */
export interface RuleViolation {
  status: 400 | 404;
  type: 'invalid_request_error' | 'not_found_error';
  message: string;
}

const MAX_OUTPUT_TOKENS = 128_000;

const invalid = (message: string): RuleViolation => ({ status: 400, type: 'invalid_request_error', message });

function blocks(message: MessageParam): ContentBlockParam[] {
  return typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
}

function isEmpty(message: MessageParam): boolean {
  if (typeof message.content === 'string') return message.content.length === 0;
  return message.content.length === 0;
}

function checkMessages(messages: MessageParam[]): RuleViolation | undefined {
  const first = messages[0];
  if (first && first.role !== 'user') return invalid('messages: first message must use the "user" role');
  for (let i = 1; i < messages.length; i++) {
    const role = messages[i]?.role;
    if (role === messages[i - 1]?.role) {
      return invalid(`messages: roles must alternate between "user" and "assistant", but found multiple "${role}" roles in a row`);
    }
  }
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i] as MessageParam;
    const isFinalAssistant = i === messages.length - 1 && message.role === 'assistant';
    if (isEmpty(message) && !isFinalAssistant) {
      return invalid(`messages.${i}: all messages must have non-empty content except for the optional final assistant message`);
    }
    const list = blocks(message);
    for (let j = 0; j < list.length; j++) {
      const block = list[j] as ContentBlockParam;
      if (block.type === 'text' && block.text.length === 0 && typeof message.content !== 'string') {
        return invalid('messages: text content blocks must be non-empty');
      }
      if (block.type === 'tool_use' && message.role !== 'assistant') {
        return invalid(`messages.${i}.content.${j}: tool_use blocks can only appear in assistant messages`);
      }
      if (block.type === 'tool_result' && message.role !== 'user') {
        return invalid(`messages.${i}.content.${j}: tool_result blocks can only appear in user messages`);
      }
    }
    // Every tool_use must be answered by a tool_result in the very next turn, and vice versa.
    const toolUseIds = list.flatMap((b) => (b.type === 'tool_use' ? [b.id] : []));
    const next = messages[i + 1];
    if (toolUseIds.length > 0 && next) {
      const answered = new Set(blocks(next).flatMap((b) => (b.type === 'tool_result' ? [b.tool_use_id] : [])));
      const unanswered = toolUseIds.filter((id) => !answered.has(id));
      if (unanswered.length > 0) {
        return invalid(
          `messages.${i + 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${unanswered.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
        );
      }
    }
    const previous = messages[i - 1];
    const offered = new Set(previous ? blocks(previous).flatMap((b) => (b.type === 'tool_use' ? [b.id] : [])) : []);
    for (let j = 0; j < list.length; j++) {
      const block = list[j] as ContentBlockParam;
      if (block.type === 'tool_result' && !offered.has(block.tool_use_id)) {
        return invalid(
          `messages.${i}.content.${j}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${block.tool_use_id}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
        );
      }
    }
  }
  const last = messages[messages.length - 1];
  if (last?.role === 'assistant') {
    const finalText = blocks(last).at(-1);
    if (finalText?.type === 'text' && /\s$/.test(finalText.text)) return invalid('final assistant content cannot end with trailing whitespace');
  }
  return undefined;
}

function checkTools(request: MessagesRequest): RuleViolation | undefined {
  const tools = request.tools ?? [];
  const names = tools.map((t) => t.name);
  if (new Set(names).size !== names.length) return invalid('tools: Tool names must be unique.');
  const choice = request.tool_choice;
  if (choice && choice.type !== 'none' && tools.length === 0) return invalid('tool_choice may only be specified while providing tools.');
  if (choice?.type === 'tool' && !names.includes(choice.name)) {
    return invalid(`tool_choice.name: Tool '${choice.name}' not found in provided tools`);
  }
  if (request.thinking?.type === 'enabled' && (choice?.type === 'any' || choice?.type === 'tool')) {
    return invalid('Thinking may not be enabled when tool_choice forces tool use.');
  }
  return undefined;
}

export function checkConversation(request: MessagesRequest): RuleViolation | undefined {
  if (!/^claude-/.test(request.model)) return { status: 404, type: 'not_found_error', message: `model: ${request.model}` };
  if (request.max_tokens > MAX_OUTPUT_TOKENS) {
    return invalid(`max_tokens: ${request.max_tokens} > ${MAX_OUTPUT_TOKENS}, which is the maximum allowed number of output tokens for ${request.model}`);
  }
  if (request.stop_sequences?.some((s) => s.trim() === '')) return invalid('stop_sequences: each stop sequence must contain non-whitespace');
  return checkMessages(request.messages) ?? checkTools(request);
}
