import type { Db, DbClient } from '@healthsync/shared';
import type { EmergencyKind } from '../domain/emergency.js';
import type { FallbackReason, Source } from '../domain/outcome.js';

type Queryable = Db | DbClient;

export interface ChatSession {
  id: string;
  title: string | null;
  createdAt: Date;
  lastMessageAt: Date | null;
}

export interface ChatMessage {
  id: string;
  seq: number;
  role: 'user' | 'assistant';
  content: string;
  source: Source | null;
  fallbackReason: FallbackReason | null;
  emergency: EmergencyKind | null;
  suggestedQuestions: string[] | null;
  createdAt: Date;
}

const MESSAGE_COLUMNS = `id, seq::int as seq, role, content, source, fallback_reason as "fallbackReason", emergency,
  suggested_questions as "suggestedQuestions", created_at as "createdAt"`;

/** SQL for chat sessions and their messages; every query is scoped to the owning user. */
const chats = {
  async create(db: Queryable, session: { id: string; userId: string }): Promise<ChatSession> {
    const result = await db.query<ChatSession>(
      `insert into chat_sessions (id, user_id) values ($1, $2)
       returning id, title, created_at as "createdAt", last_message_at as "lastMessageAt"`,
      [session.id, session.userId],
    );
    return result.rows[0]!;
  },

  async find(db: Queryable, userId: string, sessionId: string): Promise<ChatSession | undefined> {
    const result = await db.query<ChatSession>(
      `select id, title, created_at as "createdAt", last_message_at as "lastMessageAt"
       from chat_sessions where id = $1 and user_id = $2`,
      [sessionId, userId],
    );
    return result.rows[0];
  },

  /** Sessions newest first; `before` is the creation time of the last session of the previous page. */
  async list(db: Queryable, userId: string, limit: number, before?: { createdAt: Date; id: string }): Promise<ChatSession[]> {
    const result = await db.query<ChatSession>(
      `select id, title, created_at as "createdAt", last_message_at as "lastMessageAt" from chat_sessions
       where user_id = $1 and ($2::timestamptz is null or (created_at, id) < ($2::timestamptz, $3::uuid))
       order by created_at desc, id desc limit $4`,
      [userId, before?.createdAt ?? null, before?.id ?? null, limit],
    );
    return result.rows;
  },

  async delete(db: Queryable, userId: string, sessionId: string): Promise<boolean> {
    const result = await db.query('delete from chat_sessions where id = $1 and user_id = $2', [sessionId, userId]);
    return (result.rowCount ?? 0) > 0;
  },

  async addMessage(
    db: Queryable,
    message: {
      id: string;
      sessionId: string;
      userId: string;
      role: 'user' | 'assistant';
      content: string;
      source?: Source;
      fallbackReason?: FallbackReason | null;
      emergency?: EmergencyKind | null;
      suggestedQuestions?: string[];
      title?: string;
    },
  ): Promise<ChatMessage> {
    const result = await db.query<ChatMessage>(
      `insert into chat_messages (id, session_id, user_id, role, content, source, fallback_reason, emergency, suggested_questions)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning ${MESSAGE_COLUMNS}`,
      [
        message.id,
        message.sessionId,
        message.userId,
        message.role,
        message.content,
        message.source ?? null,
        message.fallbackReason ?? null,
        message.emergency ?? null,
        message.suggestedQuestions ? JSON.stringify(message.suggestedQuestions) : null,
      ],
    );
    await db.query('update chat_sessions set last_message_at = now(), title = coalesce(title, $3) where id = $1 and user_id = $2', [
      message.sessionId,
      message.userId,
      message.title ?? null,
    ]);
    return result.rows[0]!;
  },

  /** The newest `limit` messages before `beforeSeq` (all when absent), newest first. */
  async page(db: Queryable, userId: string, sessionId: string, limit: number, beforeSeq?: number): Promise<ChatMessage[]> {
    const result = await db.query<ChatMessage>(
      `select ${MESSAGE_COLUMNS} from chat_messages
       where session_id = $1 and user_id = $2 and ($3::bigint is null or seq < $3)
       order by seq desc limit $4`,
      [sessionId, userId, beforeSeq ?? null, limit],
    );
    return result.rows;
  },

  async count(db: Queryable, userId: string, sessionId: string): Promise<number> {
    const result = await db.query<{ n: string }>('select count(*) as n from chat_messages where session_id = $1 and user_id = $2', [sessionId, userId]);
    return Number(result.rows[0]?.n ?? 0);
  },

  async eraseUser(db: Queryable, userId: string): Promise<void> {
    await db.query('delete from chat_messages where user_id = $1', [userId]);
    await db.query('delete from chat_sessions where user_id = $1', [userId]);
  },
};

/** The SQL for chat sessions and messages, handed to the handlers (which never import it), so a test can pass its own. */
export function createChatsRepository() {
  return { chats };
}

export type ChatsRepository = ReturnType<typeof createChatsRepository>;
