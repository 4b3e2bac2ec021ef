import { createHmac } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { ChannelSettings } from '@innocity/shared/api/notifications';

/** What goes out: a subject line and plain text (Markdown for the robots). */
export interface OutgoingMessage {
  subject: string;
  body: string;
}

/** One outgoing channel; `send` resolves when the far end took the message and rejects with a readable reason. */
export interface Channel {
  send(target: string, message: OutgoingMessage): Promise<void>;
}

export interface EmailConfig {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  from: string;
  password: string | null;
}

const TIMEOUT_MS = 10_000;

/** E-mail over SMTP (nodemailer); STARTTLS is used when the server offers it. */
export function emailChannel(c: EmailConfig): Channel {
  const transport = nodemailer.createTransport({
    host: c.host,
    port: c.port,
    secure: c.secure,
    auth: c.user ? { user: c.user, pass: c.password ?? '' } : undefined,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  return {
    async send(target, m) {
      try {
        await transport.sendMail({ from: c.from || c.user, to: target, subject: m.subject, text: m.body });
      } finally {
        transport.close();
      }
    },
  };
}

export interface WebhookConfig {
  format: ChannelSettings['webhook']['format'];
  url: string;
  secret: string | null;
}

/** The robot-message JSON of WeCom and DingTalk group robots: msgtype markdown. */
export function robotPayload(format: WebhookConfig['format'], m: OutgoingMessage): unknown {
  const text = `### ${m.subject}\n\n${m.body}`;
  if (format === 'wecom') return { msgtype: 'markdown', markdown: { content: text } };
  return { msgtype: 'markdown', markdown: { title: m.subject, text } };
}

/** DingTalk's signed address: timestamp and an HMAC-SHA256 of "timestamp\nsecret", as its robots require when 加签 is on. */
export function signedUrl(url: string, secret: string | null, now = Date.now()): string {
  if (!secret) return url;
  const sign = createHmac('sha256', secret).update(`${now}\n${secret}`).digest('base64');
  return `${url}${url.includes('?') ? '&' : '?'}timestamp=${now}&sign=${encodeURIComponent(sign)}`;
}

/** A group robot: POSTs the JSON and treats a non-2xx answer or a non-zero errcode as a failure. */
export function webhookChannel(c: WebhookConfig): Channel {
  return {
    async send(_target, m) {
      const url = c.format === 'dingtalk' ? signedUrl(c.url, c.secret) : c.url;
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(robotPayload(c.format, m)),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`机器人接口返回 HTTP ${res.status}`);
      let answer: { errcode?: number; errmsg?: string } = {};
      try {
        answer = JSON.parse(text) as typeof answer;
      } catch {
        // Some gateways answer 200 with an empty body: taken as accepted.
      }
      if (answer.errcode !== undefined && answer.errcode !== 0)
        throw new Error(`机器人接口返回错误 ${answer.errcode}：${answer.errmsg ?? ''}`);
    },
  };
}

export interface SmsConfig {
  url: string;
  token: string | null;
  bodyFormat: ChannelSettings['sms']['bodyFormat'];
  phoneField: string;
  textField: string;
  signName: string;
}

/** Long enough for a reminder's list of duties; a gateway splits it into several SMS itself. */
export const SMS_MAX_CHARS = 500;

/** The text of an SMS: the signature in 【】 as Chinese carriers require, the subject, the body, cut to SMS_MAX_CHARS. */
export function smsText(signName: string, m: OutgoingMessage): string {
  const text = `${signName ? `【${signName}】` : ''}${m.subject}\n${m.body}`;
  return text.length <= SMS_MAX_CHARS ? text : `${text.slice(0, SMS_MAX_CHARS - 7)}…（详见平台）`;
}

/** The request a gateway gets: the two configured fields, as JSON or as a form. */
export function smsRequest(
  c: SmsConfig,
  phone: string,
  m: OutgoingMessage,
): { headers: Record<string, string>; body: string } {
  const fields = { [c.phoneField]: phone, [c.textField]: smsText(c.signName, m) };
  const auth: Record<string, string> = c.token ? { authorization: `Bearer ${c.token}` } : {};
  return c.bodyFormat === 'form'
    ? {
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...auth },
        body: new URLSearchParams(fields).toString(),
      }
    : { headers: { 'content-type': 'application/json; charset=utf-8', ...auth }, body: JSON.stringify(fields) };
}

/**
 * Reads a gateway's answer. The common providers answer HTTP 200 and put the outcome in the body:
 * a code of 0 / "0" / "OK" / 200 (under code, errcode, status or Code), or success: true. A body
 * that is not JSON, or has none of these, is taken as accepted when the HTTP status was 2xx.
 */
export function smsFailure(status: number, text: string): string | null {
  if (status < 200 || status >= 300) return `短信网关返回 HTTP ${status}`;
  let answer: Record<string, unknown>;
  try {
    answer = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (answer === null || typeof answer !== 'object') return null;
  if (answer.success === false) return `短信网关拒绝：${String(answer.message ?? answer.msg ?? '')}`;
  for (const key of ['code', 'errcode', 'status', 'Code']) {
    if (!(key in answer)) continue;
    const v = answer[key];
    if (v === 0 || v === 200 || (typeof v === 'string' && ['0', 'ok', '200', 'success'].includes(v.toLowerCase())))
      return null;
    return `短信网关返回错误 ${String(v)}：${String(answer.message ?? answer.msg ?? answer.errmsg ?? answer.Message ?? '')}`;
  }
  return null;
}

/** An HTTP SMS gateway: one POST per mobile number. */
export function smsChannel(c: SmsConfig): Channel {
  return {
    async send(phone, m) {
      const { headers, body } = smsRequest(c, phone, m);
      const res = await fetch(c.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(TIMEOUT_MS) });
      const failure = smsFailure(res.status, await res.text());
      if (failure) throw new Error(failure);
    },
  };
}

/** The host of an address, for showing where a robot points without its key. */
export function urlHint(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return '';
  }
}
