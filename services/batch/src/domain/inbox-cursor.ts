/**
 * The inbox is read newest first by (delivered at, id); a page's cursor names the last item
 * it showed, so the next page starts right after it even when new messages arrive meanwhile.
 * Opaque to clients (base64url JSON); the instant keeps PostgreSQL's microseconds as text.
 */
export interface InboxPosition {
  deliveredAt: string;
  id: string;
}

export function encodeCursor(position: InboxPosition): string {
  return Buffer.from(JSON.stringify([position.deliveredAt, position.id])).toString('base64url');
}

/** The position a cursor names, or undefined when it is not one of ours. */
export function decodeCursor(cursor: string): InboxPosition | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [deliveredAt, id] = value as unknown[];
    if (typeof deliveredAt !== 'string' || Number.isNaN(Date.parse(deliveredAt))) return undefined;
    if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) return undefined;
    return { deliveredAt, id };
  } catch {
    return undefined;
  }
}
