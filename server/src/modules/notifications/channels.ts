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

/** The host of an address, for showing where a robot points without its key. */
export function urlHint(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return '';
  }
}
