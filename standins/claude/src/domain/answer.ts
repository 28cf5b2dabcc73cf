import { composeText, readLimits } from './compose.js';
import { extractFacts } from './facts.js';
import { inventNumber, withoutForeignNumbers } from './numbers.js';
import { assistantPrefill, latestUserText, systemText, wholeText } from './request-text.js';
import { breakValue } from './schema-break.js';
import { type FillContext, fillSchema, inventedSentence } from './schema-fill.js';
import { composeStory } from './story.js';
import { estimateTokens, truncateToTokens } from './tokens.js';
import type { AnswerMode, ContentBlock, MessagesRequest, StopReason, ToolDefinition } from './types.js';

/**
 * The model's side of one request: reads the facts, decides between a text answer, a forced
 * tool call and a JSON-schema answer, then applies stop sequences, max_tokens and the control
 * mode. Pure apart from the injected clock and id source.
 */
export interface AnswerOptions {
  mode: AnswerMode;
  now: Date;
  newToolUseId: () => string;
}

export interface Answer {
  content: ContentBlock[];
  stop_reason: StopReason;
  stop_sequence: string | null;
  usage: { input_tokens: number; output_tokens: number };
}

/** Input tokens: everything the model is shown, tool definitions and output schema included. */
export function countInputTokens(request: MessagesRequest): number {
  const extras = [request.tools ? JSON.stringify(request.tools) : '', request.output_config?.format ? JSON.stringify(request.output_config.format.schema) : ''];
  return estimateTokens(wholeText(request) + extras.join(''));
}

/** The tool the answer calls: forced by tool_choice, or named outright in the prompt under auto. */
export function chooseTool(request: MessagesRequest, focusText: string): ToolDefinition | undefined {
  const tools = request.tools ?? [];
  const choice = request.tool_choice ?? { type: 'auto' };
  if (tools.length === 0 || choice.type === 'none') return undefined;
  if (choice.type === 'tool') return tools.find((t) => t.name === choice.name);
  const last = request.messages[request.messages.length - 1];
  const answeringToolResult = typeof last?.content !== 'string' && (last?.content ?? []).some((b) => b.type === 'tool_result');
  const named = tools.find((t) => focusText.includes(t.name));
  if (choice.type === 'any') return named ?? bestMatch(tools, focusText) ?? tools[0];
  return answeringToolResult ? undefined : named;
}

function bestMatch(tools: ToolDefinition[], text: string): ToolDefinition | undefined {
  const score = (tool: ToolDefinition) =>
    `${tool.name} ${tool.description ?? ''}`
      .toLowerCase()
      .split(/[^a-z가-힣]+/)
      .filter((w) => w.length > 2 && text.toLowerCase().includes(w)).length;
  return [...tools].sort((a, b) => score(b) - score(a))[0];
}

function applyStopSequences(text: string, stops: string[] | undefined): { text: string; stop?: string } {
  let cut: { at: number; stop: string } | undefined;
  for (const stop of stops ?? []) {
    const at = text.indexOf(stop);
    if (at >= 0 && (cut === undefined || at < cut.at)) cut = { at, stop };
  }
  return cut ? { text: text.slice(0, cut.at), stop: cut.stop } : { text };
}

export function answer(request: MessagesRequest, options: AnswerOptions): Answer {
  const system = systemText(request);
  const question = latestUserText(request.messages);
  const focusText = [system, question].filter((t) => t !== '').join('\n');
  const facts = extractFacts(focusText, wholeText(request));
  const limits = readLimits(focusText);
  const story = composeStory({ facts, focusText, question });
  const inputTokens = countInputTokens(request);
  const invented = options.mode === 'invent-number' ? inventNumber(facts.allowedNumbers) : undefined;
  const fillContext: FillContext = {
    story,
    facts,
    limits,
    now: options.now,
    requestText: focusText,
    ...(invented !== undefined ? { inventedNumber: invented } : {}),
  };

  const tool = chooseTool(request, focusText);
  if (tool) {
    const filled = fillSchema(tool.input_schema, fillContext) as Record<string, unknown>;
    const input = (options.mode === 'malformed' ? breakValue(filled, tool.input_schema) : filled) as Record<string, unknown>;
    const outputTokens = estimateTokens(tool.name + JSON.stringify(input));
    if (outputTokens > request.max_tokens) {
      // Cut off mid-arguments: the API hands back what it could parse, which is nothing.
      return {
        content: [{ type: 'tool_use', id: options.newToolUseId(), name: tool.name, input: {} }],
        stop_reason: 'max_tokens',
        stop_sequence: null,
        usage: { input_tokens: inputTokens, output_tokens: request.max_tokens },
      };
    }
    return {
      content: [{ type: 'tool_use', id: options.newToolUseId(), name: tool.name, input }],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: inputTokens, output_tokens: outputTokens },
    };
  }

  let text: string;
  const format = request.output_config?.format;
  if (format?.type === 'json_schema') {
    const value = fillSchema(format.schema, fillContext);
    text = JSON.stringify(options.mode === 'malformed' ? breakValue(value, format.schema) : value);
  } else {
    text = withoutForeignNumbers(composeText(story, limits), facts.allowedNumbers);
    if (invented !== undefined) text = `${text} ${inventedSentence(invented)}`;
    const prefill = assistantPrefill(request.messages);
    if (prefill !== '' && text.startsWith(prefill)) text = text.slice(prefill.length);
  }

  const stopped = applyStopSequences(text, request.stop_sequences);
  let stopReason: StopReason = stopped.stop !== undefined ? 'stop_sequence' : 'end_turn';
  text = stopped.text;
  if (estimateTokens(text) > request.max_tokens) {
    text = truncateToTokens(text, request.max_tokens);
    stopReason = 'max_tokens';
  }
  return {
    content: text === '' ? [] : [{ type: 'text', text }],
    stop_reason: stopReason,
    stop_sequence: stopReason === 'stop_sequence' ? (stopped.stop ?? null) : null,
    usage: { input_tokens: inputTokens, output_tokens: text === '' ? 0 : estimateTokens(text) },
  };
}
