import type { Response } from 'express';

/** Sends the API's error envelope: { type: "error", error: { type, message }, request_id }. */
export function sendApiError(res: Response, status: number, type: string, message: string, headers: Record<string, string> = {}): void {
  const requestId = String(res.getHeader('request-id') ?? '');
  res.status(status).set(headers).json({ type: 'error', error: { type, message }, request_id: requestId });
}
