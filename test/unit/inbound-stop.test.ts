import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { validSignature } from '../../api/routes/webhooks/whatsapp.js';
import { isStopMessage } from '../../services/messaging/inbound-messages.js';

describe('inbound STOP keywords', () => {
  it('recognises the keyword alone, any case, accents and trailing punctuation', () => {
    for (const text of ['STOP', 'stop', ' Stop! ', 'ARRET', 'Arrêt', 'stop whatsapp', 'Stop  SMS.'])
      expect(isStopMessage(text), text).toBe(true);
  });
  it('ignores a sentence that merely contains the word', () => {
    for (const text of ["Ne t'arrête pas", 'stop au coin de la rue à 10h', 'STOPPER', ''])
      expect(isStopMessage(text), text).toBe(false);
  });
  it('uses the configured keywords', () => {
    expect(isStopMessage('BASTA', ['BASTA'])).toBe(true);
    expect(isStopMessage('STOP', ['BASTA'])).toBe(false);
  });
});

describe('X-Hub-Signature-256', () => {
  const raw = Buffer.from('{"object":"whatsapp_business_account"}');
  const good = `sha256=${createHmac('sha256', 'secret').update(raw).digest('hex')}`;
  it('accepts the HMAC-SHA256 of the raw body with the app secret', () => {
    expect(validSignature(raw, good, 'secret')).toBe(true);
  });
  it('refuses another secret, another body, a missing or malformed header', () => {
    expect(validSignature(raw, good, 'other')).toBe(false);
    expect(validSignature(Buffer.from('{}'), good, 'secret')).toBe(false);
    expect(validSignature(raw, undefined, 'secret')).toBe(false);
    expect(validSignature(raw, 'sha1=abc', 'secret')).toBe(false);
    expect(validSignature(raw, 'sha256=zz', 'secret')).toBe(false);
  });
});
