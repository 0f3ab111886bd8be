// Errors of raster uploads and placements as the user reads them (Japanese first, via i18n).
import { ApiError } from '../api/client';
import type { I18n } from '../i18n';

export function rasterErrorMessage(error: unknown, t: I18n['t']): string {
  if (!(error instanceof ApiError)) return t('rasterErrorOther', { message: (error as Error)?.message ?? String(error) });
  switch (error.code) {
    case 'PAYLOAD_TOO_LARGE':
      return error.message && !/^HTTP /.test(error.message) ? `${t('rasterErrorTooLarge')} ${error.message}` : t('rasterErrorTooLarge');
    case 'FORBIDDEN':
      return t('rasterErrorForbidden');
    case 'NETWORK_ERROR':
      return t('rasterErrorNetwork');
    case 'NOT_FOUND':
      return t('rasterErrorNotFound');
    case 'UNAUTHENTICATED':
      return t('rasterErrorSession');
    // The server says what is wrong with the file or the points, Japanese first.
    case 'BAD_USER_INPUT':
      return t('rasterErrorInput', { message: error.message });
    default:
      return t('rasterErrorOther', { message: error.message });
  }
}
