import type { Request } from 'express';
import { parse as parseCookie } from 'cookie';

/** The HttpOnly cookie that carries the session token in the browser (and in server-side printing). */
export const SESSION_COOKIE = 'chizu_session';

/**
 * HTTP Basic credentials. Desktop GIS such as QGIS can send only a user name and password with a
 * feature service, so they send an access token as the password; it is never a login password.
 */
export function basicCredentials(req: Request): { username: string; token: string } | undefined {
  const header = req.headers.authorization;
  if (!header?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 ? { username: decoded.slice(0, colon), token: decoded.slice(colon + 1) } : undefined;
}

/** The session token from the Authorization header (scripts, desktop GIS) or the cookie (browser). */
export function tokenFrom(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  const basic = basicCredentials(req);
  if (basic) return basic.token || undefined;
  const cookies = req.headers.cookie ? parseCookie(req.headers.cookie) : {};
  return cookies[SESSION_COOKIE] || undefined;
}
