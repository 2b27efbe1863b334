/** What a channel adapter sends: one message, already checked for consent, with its idempotency key. */
export interface OutboundMessage {
  /** Our message id: the idempotency key providers that support one receive, and the email Message-ID. */
  id: string;
  channel: 'EMAIL' | 'SMS' | 'WHATSAPP';
  /** Email address, or E.164 phone number. */
  to: string;
  subject: string | null;
  content: string;
  /** WhatsApp template message (required outside the 24-hour customer service window). */
  template: { name: string; language: string; parameters: string[] } | null;
}

export interface SendResult {
  providerId: string;
}

export interface Channel {
  send(message: OutboundMessage): Promise<SendResult>;
}

export type Channels = Partial<Record<OutboundMessage['channel'], Channel>>;

/**
 * The provider refused for good (bad number, template not approved, 4xx): retrying cannot help.
 * Non-retryable in the worker; the message ends FAILED with this reason.
 */
export class PermanentChannelError extends Error {
  override name = 'PermanentChannelError';
  constructor(
    message: string,
    readonly providerCode: string | null = null,
  ) {
    super(message);
  }
}

/** A failure worth retrying with backoff: network, timeout, 5xx, rate limit. */
export class TransientChannelError extends Error {
  override name = 'TransientChannelError';
}

/** Classifies an HTTP answer of a provider: 429 and 5xx are transient, other 4xx permanent. */
export function httpFailure(status: number, reason: string, code: string | null): Error {
  if (status === 429 || status >= 500) return new TransientChannelError(`HTTP ${status}: ${reason}`);
  return new PermanentChannelError(`HTTP ${status}: ${reason}`, code);
}

/** fetch with a timeout; network failures and timeouts are transient. */
export async function providerFetch(url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    throw new TransientChannelError(`provider unreachable: ${(err as Error).message}`);
  }
}
