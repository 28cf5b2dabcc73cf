/**
 * Plain data shapes of the Messages API as this stand-in understands them. The route's zod schema
 * produces values of these types; nothing here knows about Express or the SDK.
 */
export type JsonSchema = Record<string, unknown>;

export interface TextBlockParam {
  type: 'text';
  text: string;
}
export interface ToolUseBlockParam {
  type: 'tool_use';
  id: string;
  name: string;
  input: Record<string, unknown>;
}
export interface ToolResultBlockParam {
  type: 'tool_result';
  tool_use_id: string;
  content?: string | Array<{ type: string; text?: string }>;
  is_error?: boolean;
}
/** Blocks accepted in history but not read for facts (images, documents, thinking). */
export interface OpaqueBlockParam {
  type: 'image' | 'document' | 'thinking' | 'redacted_thinking';
  thinking?: string;
}
export type ContentBlockParam = TextBlockParam | ToolUseBlockParam | ToolResultBlockParam | OpaqueBlockParam;

export interface MessageParam {
  role: 'user' | 'assistant';
  content: string | ContentBlockParam[];
}

export interface ToolDefinition {
  name: string;
  description?: string;
  input_schema: JsonSchema;
}

export type ToolChoice =
  { type: 'auto' | 'any' | 'none'; disable_parallel_tool_use?: boolean } | { type: 'tool'; name: string; disable_parallel_tool_use?: boolean };

export interface MessagesRequest {
  model: string;
  max_tokens: number;
  messages: MessageParam[];
  system?: string | TextBlockParam[];
  stop_sequences?: string[];
  stream?: boolean;
  temperature?: number;
  top_p?: number;
  top_k?: number;
  tools?: ToolDefinition[];
  tool_choice?: ToolChoice;
  thinking?: { type: string };
  output_config?: { format?: { type: 'json_schema'; schema: JsonSchema } | null };
}

export type StopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use';

export type ContentBlock = { type: 'text'; text: string } | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };

export interface Usage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  service_tier: 'standard' | 'batch';
}

export interface Message {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: ContentBlock[];
  stop_reason: StopReason;
  stop_sequence: string | null;
  stop_details: null;
  container: null;
  usage: Usage;
}

/** How the current test-only behaviour bends an answer that is otherwise produced normally. */
export type AnswerMode = 'normal' | 'malformed' | 'invent-number';
