import { useState } from 'react';
import { call, client, type Ok } from '../api.js';
import { useAction, useLoad } from '../hooks.js';
import { koreanDateTime } from '../labels.js';
import { Link } from '../router.js';
import { ErrorMessage, Loading, Page } from '../ui.js';

type Inbox = Ok<'/api/notifications', 'get'>;

export function InboxPage() {
  const first = useLoad(() => call(client().GET('/api/notifications', { params: { query: { limit: 20 } } })), []);
  const [more, setMore] = useState<Inbox['items']>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [readIds, setReadIds] = useState<Set<string>>(new Set());
  const action = useAction();
  const items = [...(first.data?.items ?? []), ...more];
  const nextCursor = cursor === undefined ? first.data?.nextCursor : cursor;
  const unread = Math.max(0, (first.data?.unreadCount ?? 0) - [...readIds].filter((id) => first.data?.items.some((i) => i.id === id && !i.read)).length);

  return (
    <Page title="알림함">
      {first.loading && <Loading />}
      <ErrorMessage error={first.error} />
      <ErrorMessage error={action.error} />
      {first.data && (
        <>
          <p className="lead" data-testid="unread">
            읽지 않은 알림 {unread}개
          </p>
          {items.length === 0 && (
            <p>
              아직 받은 알림이 없어요. 미션을 며칠 놓치면 AI가 응원 메시지를 보내 드려요. 받는 시간은 <Link to="/settings">설정</Link>에서 바꿀 수 있어요.
            </p>
          )}
          <ul className="inbox">
            {items.map((item) => {
              const read = item.read || readIds.has(item.id);
              return (
                <li key={item.id} className={read ? 'read' : 'unread'} data-read={read ? 'true' : 'false'} data-kind={item.kind}>
                  <p className="inbox-text">
                    {!read && <span className="badge grade-b">새 알림</span>} {item.text}
                  </p>
                  <p className="fine">
                    {koreanDateTime(item.deliveredAt)}
                    {item.kind === 'INACTIVITY_NOTICE' ? ' · 계정 안내' : item.source === 'FALLBACK' ? ' · 기본 응원 메시지' : ' · AI 응원 메시지'}
                  </p>
                  {!read && (
                    <button
                      type="button"
                      disabled={action.busy}
                      onClick={() =>
                        void action.run(async () => {
                          await call(client().POST('/api/notifications/{id}/read', { params: { path: { id: item.id } } }));
                          setReadIds((current) => new Set(current).add(item.id));
                        })
                      }
                    >
                      읽음으로 표시
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
          {nextCursor && (
            <button
              type="button"
              disabled={action.busy}
              onClick={() =>
                void action.run(async () => {
                  const page = await call(client().GET('/api/notifications', { params: { query: { limit: 20, cursor: nextCursor } } }));
                  setMore((current) => [...current, ...page.items]);
                  setCursor(page.nextCursor);
                })
              }
            >
              더 보기
            </button>
          )}
        </>
      )}
    </Page>
  );
}
