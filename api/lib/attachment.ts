import { create } from 'content-disposition';
import { asciiFileName } from '../../definitions/file-names.js';

/**
 * `Content-Disposition: attachment` per RFC 6266: the exact name as RFC 5987 `filename*=UTF-8''…`
 * plus an ASCII `filename` fallback, so any name (日本語.png, évé.png) is a valid header and comes back
 * intact. The `content-disposition` package does the quoting and percent-encoding.
 */
export function attachmentDisposition(fileName: string): string {
  return create(fileName, { fallback: asciiFileName(fileName) });
}
