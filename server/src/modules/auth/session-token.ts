import type { Request } from 'express';
import { parse as parseCookie } from 'cookie';

/** The HttpOnly cookie that carries the session token in the browser (and in server-side printing). */
export const SESSION_COOKIE = 'chizu_session';

/** The session token from the Authorization header (scripts) or the cookie (browser). */
export function tokenFrom(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  const cookies = req.headers.cookie ? parseCookie(req.headers.cookie) : {};
  return cookies[SESSION_COOKIE] || undefined;
}
