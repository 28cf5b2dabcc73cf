import { useEffect, useRef, useState, type FormEvent } from 'react';
import { call, client, type Ok } from '../api.js';
import { ApiError, toApiError } from '../errors.js';
import { useLoad } from '../hooks.js';
import { EMERGENCY_TITLES, FALLBACK_REASONS, koreanDateTime } from '../labels.js';
import { readEvents } from '../sse.js';
import { ErrorMessage, Loading, Page } from '../ui.js';

type Done = Omit<Ok<'/api/intelligence/chats/{id}/messages', 'post', 201>, 'sessionId' | 'userMessage' | 'context' | 'emergency'> & {
  emergency: { kind: string; guidance: string } | null;
};

interface Message {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  source?: 'AI' | 'FALLBACK' | null;
  fallbackReason?: string | null;
  emergency?: string | null;
  streaming?: boolean;
  interrupted?: boolean;
}

const MAX_LENGTH = 1000;

function MessageView({ message }: { message: Message }) {
  return (
    <li className={`message message-${message.role}`} data-role={message.role} data-streaming={message.streaming ? 'true' : 'false'}>
      <span className="visually-hidden">{message.role === 'user' ? '나:' : 'AI:'}</span>
      {message.emergency && (
        <div className="emergency" role="alert" data-emergency={message.emergency}>
          <strong>{EMERGENCY_TITLES[message.emergency] ?? '응급 상황일 수 있어요'}</strong>
          <span>{message.emergency === 'SELF_HARM' ? '지금 바로 109(자살예방상담) 또는 119에 연락하세요.' : '지금 바로 119에 전화하세요.'}</span>
        </div>
      )}
      <p className="bubble">{message.content || (message.streaming ? '…' : '')}</p>
      {message.source === 'FALLBACK' && (
        <p className="fallback fine">규칙 기반 답변 — {FALLBACK_REASONS[message.fallbackReason ?? ''] ?? 'AI 대신 기본 안내로 답했어요'}</p>
      )}
      {message.interrupted && <p className="fine">답변이 중간에 멈췄어요.</p>}
    </li>
  );
}

export function ChatPage() {
  const chats = useLoad(() => call(client().GET('/api/intelligence/chats', { params: { query: { limit: 10 } } })), []);
  const [chatId, setChatId] = useState<string>();
  const [messages, setMessages] = useState<Message[]>([]);
  const [suggested, setSuggested] = useState<string[]>([]);
  const [question, setQuestion] = useState('');
  const [streaming, setStreaming] = useState(false);
  const [error, setError] = useState<ApiError>();
  const abort = useRef<AbortController>(undefined);
  const log = useRef<HTMLOListElement>(null);

  useEffect(() => () => abort.current?.abort(), []);
  useEffect(() => {
    log.current?.lastElementChild?.scrollIntoView({ block: 'nearest' });
  }, [messages]);

  const open = async (id: string) => {
    setError(undefined);
    try {
      const chat = await call(client().GET('/api/intelligence/chats/{id}', { params: { path: { id }, query: { limit: 50 } } }));
      setChatId(id);
      setSuggested([]);
      setMessages(
        chat.messages.map((m) => ({ id: m.id, role: m.role, content: m.content, source: m.source, fallbackReason: m.fallbackReason, emergency: m.emergency })),
      );
    } catch (caught) {
      setError(toApiError(caught));
    }
  };

  const remove = async (id: string) => {
    setError(undefined);
    try {
      await call(client().DELETE('/api/intelligence/chats/{id}', { params: { path: { id } } }));
      if (id === chatId) {
        setChatId(undefined);
        setMessages([]);
      }
      chats.reload();
    } catch (caught) {
      setError(toApiError(caught));
    }
  };

  const patchLast = (patch: (m: Message) => Message) => setMessages((current) => current.map((m, i) => (i === current.length - 1 ? patch(m) : m)));

  const ask = async (text: string) => {
    const message = text.trim();
    if (!message || streaming) return;
    setError(undefined);
    setStreaming(true);
    setQuestion('');
    setSuggested([]);
    const controller = new AbortController();
    abort.current = controller;
    const userId = `local-${Date.now()}`;
    setMessages((current) => [
      ...current,
      { id: userId, role: 'user', content: message },
      { id: `${userId}-answer`, role: 'assistant', content: '', streaming: true },
    ]);
    try {
      let id = chatId;
      if (!id) {
        id = (await call(client().POST('/api/intelligence/chats'))).id;
        setChatId(id);
      }
      const { response, error: problem } = await client().POST('/api/intelligence/chats/{id}/messages', {
        params: { path: { id } },
        body: { message },
        headers: { accept: 'text/event-stream' },
        parseAs: 'stream',
        signal: controller.signal,
      });
      if (!response.ok || !response.body) {
        const code = (problem as { code?: string } | undefined)?.code ?? 'UNKNOWN';
        throw new ApiError(code, problem as object);
      }
      let done = false;
      for await (const event of readEvents(response.body)) {
        const data = JSON.parse(event.data) as Record<string, unknown>;
        if (event.event === 'meta') {
          // {kind, guidance} when the question described an emergency: its box shows before any word.
          const found = data.emergency as { kind?: unknown } | null | undefined;
          const emergency = typeof found?.kind === 'string' ? found.kind : null;
          patchLast((m) => ({ ...m, emergency }));
        } else if (event.event === 'token') {
          patchLast((m) => ({ ...m, content: m.content + String(data.text ?? '') }));
        } else if (event.event === 'error') {
          // UNGROUNDED_NUMBER: the answer is written again; what was shown is replaced by `done`.
          if (data.code !== 'UNGROUNDED_NUMBER') patchLast((m) => ({ ...m, interrupted: true }));
        } else if (event.event === 'done') {
          const result = data as unknown as Done;
          done = true;
          patchLast((m) => ({
            ...m,
            id: result.reply.id,
            content: result.reply.content,
            source: result.source,
            fallbackReason: result.fallbackReason,
            emergency: result.emergency?.kind ?? m.emergency ?? null,
            streaming: false,
          }));
          setSuggested(result.suggestedQuestions);
        }
      }
      if (!done) throw new ApiError('STREAM_INTERRUPTED');
      chats.reload();
    } catch (caught) {
      const failure = toApiError(caught);
      patchLast((m) => ({ ...m, streaming: false, interrupted: m.content.length > 0 }));
      if (!(controller.signal.aborted && failure.code === 'STREAM_INTERRUPTED')) setError(failure);
      setMessages((current) => current.filter((m) => m.role === 'user' || m.content.length > 0 || m.streaming));
    } finally {
      setStreaming(false);
      abort.current = undefined;
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void ask(question);
  };

  return (
    <Page title="AI 건강 상담" wide>
      <div className="chat-layout">
        <aside className="chat-list" aria-labelledby="chat-list-heading">
          <h2 id="chat-list-heading">지난 상담</h2>
          <button
            type="button"
            onClick={() => {
              setChatId(undefined);
              setMessages([]);
              setSuggested([]);
            }}
            disabled={streaming}
          >
            새 상담
          </button>
          {chats.loading && !chats.data && <Loading />}
          <ErrorMessage error={chats.error} />
          <ul>
            {chats.data?.items.map((chat) => (
              <li key={chat.id} className={chat.id === chatId ? 'current' : undefined}>
                <button type="button" className="link" onClick={() => void open(chat.id)} disabled={streaming}>
                  {chat.title ?? '제목 없는 상담'}
                </button>
                <span className="fine"> {koreanDateTime(chat.lastMessageAt ?? chat.createdAt)}</span>{' '}
                <button
                  type="button"
                  className="link danger"
                  onClick={() => void remove(chat.id)}
                  disabled={streaming}
                  aria-label={`${chat.title ?? '상담'} 삭제`}
                >
                  삭제
                </button>
              </li>
            ))}
          </ul>
        </aside>
        <section className="chat" aria-labelledby="chat-heading">
          <h2 id="chat-heading" className="visually-hidden">
            대화
          </h2>
          {messages.length === 0 && (
            <p className="fine">검진 결과, 식단, 운동, 수면 등 건강에 대해 무엇이든 물어보세요. 응급 상황이면 먼저 119에 연락하세요.</p>
          )}
          <ol className="messages" ref={log} aria-live="polite" aria-busy={streaming}>
            {messages.map((message) => (
              <MessageView key={message.id} message={message} />
            ))}
          </ol>
          {suggested.length > 0 && (
            <div className="suggested">
              <h3>이어서 물어보기</h3>
              <ul>
                {suggested.map((s) => (
                  <li key={s}>
                    <button type="button" onClick={() => void ask(s)}>
                      {s}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <ErrorMessage error={error} />
          <form className="ask" onSubmit={submit}>
            <label htmlFor="chat-question">질문</label>
            <textarea
              id="chat-question"
              name="message"
              rows={3}
              maxLength={MAX_LENGTH}
              value={question}
              onChange={(e) => setQuestion(e.target.value)}
              placeholder="예: 공복혈당을 낮추려면 어떻게 해야 하나요?"
            />
            <div className="ask-actions">
              <span className="fine">
                {[...question].length}/{MAX_LENGTH}
              </span>
              {streaming ? (
                <button type="button" onClick={() => abort.current?.abort()}>
                  답변 멈추기
                </button>
              ) : (
                <button type="submit" className="primary" disabled={question.trim() === ''}>
                  보내기
                </button>
              )}
            </div>
          </form>
        </section>
      </div>
    </Page>
  );
}
