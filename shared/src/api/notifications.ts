import { z } from 'zod';
import { idField, optionalText } from './fields.ts';

export const NOTIFICATION_KINDS = [
  'reminder',
  'overdue',
  'urge',
  'approval_needed',
  'submitted',
  'returned',
  'accepted',
  'assigned',
] as const;
export const notificationSchema = z.object({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;
export const notificationListSchema = z.object({ items: z.array(notificationSchema), unread: z.number().int() });
export type NotificationList = z.infer<typeof notificationListSchema>;
export const notificationParamsSchema = z.object({ notificationId: idField('通知') });

export const WEBHOOK_FORMATS = ['wecom', 'dingtalk'] as const;
export const WEBHOOK_FORMAT_LABELS = { wecom: '企业微信群机器人', dingtalk: '钉钉群机器人' } as const;

/** How the SMS gateway wants its request body: JSON, or an HTML form (application/x-www-form-urlencoded). */
export const SMS_BODY_FORMATS = ['json', 'form'] as const;
export const SMS_BODY_FORMAT_LABELS = { json: 'JSON', form: '表单（x-www-form-urlencoded）' } as const;

/** Outgoing channels, in the order screens list them. */
export const CHANNELS = ['email', 'webhook', 'sms'] as const;
export type ChannelKind = (typeof CHANNELS)[number];
export const CHANNEL_LABELS = { email: '邮件', webhook: '群机器人', sms: '短信' } as const;

/** The local hour (the deployment's time zone) at which the day's digest goes out on channels set to digest. */
export const DIGEST_HOUR = 8;

/** A field name of the gateway's request: letters, digits, _ . - only, so it cannot smuggle anything into the body. */
const gatewayField = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `${label}不能为空`)
    .max(40, `${label}不超过40个字符`)
    .regex(/^[A-Za-z0-9_.-]+$/, `${label}只能包含字母、数字、下划线、点和连字符`);
const httpUrl = (label: string) =>
  z
    .string()
    .trim()
    .max(1000)
    .refine((v) => v === '' || /^https?:\/\/[^\s]+$/.test(v), `${label}须以 http:// 或 https:// 开头`);

/** Channel settings as the API shows them: never a password, webhook address or signing secret. */
export const channelSettingsSchema = z.object({
  email: z.object({
    enabled: z.boolean(),
    host: z.string(),
    port: z.number().int(),
    secure: z.boolean(),
    user: z.string(),
    from: z.string(),
    hasPassword: z.boolean(),
    /** Held and sent once a day at DIGEST_HOUR as one message per address. */
    digest: z.boolean(),
  }),
  webhook: z.object({
    enabled: z.boolean(),
    format: z.enum(WEBHOOK_FORMATS),
    /** Scheme and host only: the address itself carries the robot's key. */
    urlHint: z.string(),
    hasUrl: z.boolean(),
    hasSecret: z.boolean(),
    digest: z.boolean(),
  }),
  sms: z.object({
    enabled: z.boolean(),
    /** Scheme and host only: gateways often carry an account key in the address. */
    urlHint: z.string(),
    hasUrl: z.boolean(),
    hasToken: z.boolean(),
    bodyFormat: z.enum(SMS_BODY_FORMATS),
    phoneField: z.string(),
    textField: z.string(),
    signName: z.string(),
    digest: z.boolean(),
  }),
});
export type ChannelSettings = z.infer<typeof channelSettingsSchema>;

/** A secret field left out keeps the stored one; an empty string clears it. */
export const channelSettingsInputSchema = z.object({
  email: z.object({
    enabled: z.boolean(),
    host: z.string().trim().max(200),
    port: z.number({ error: '端口须为数字' }).int().min(1, '端口无效').max(65535, '端口无效'),
    secure: z.boolean(),
    user: z.string().trim().max(200),
    password: z.string().max(500).optional(),
    from: z.string().trim().max(200),
    digest: z.boolean().optional(),
  }),
  webhook: z.object({
    enabled: z.boolean(),
    format: z.enum(WEBHOOK_FORMATS),
    url: httpUrl('机器人地址').optional(),
    secret: z.string().max(500).optional(),
    digest: z.boolean().optional(),
  }),
  /** Left out keeps the stored SMS settings (clients written before the channel existed). */
  sms: z
    .object({
      enabled: z.boolean(),
      url: httpUrl('短信网关地址').optional(),
      /** Sent as "Authorization: Bearer <token>" when set. */
      token: z.string().max(500).optional(),
      bodyFormat: z.enum(SMS_BODY_FORMATS),
      phoneField: gatewayField('手机号字段名'),
      textField: gatewayField('内容字段名'),
      signName: z.string().trim().max(20, '短信签名不超过20个字符'),
      digest: z.boolean().optional(),
    })
    .optional(),
});
export type ChannelSettingsInput = z.infer<typeof channelSettingsInputSchema>;

export const unitContactSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
});
export const unitContactListSchema = z.object({ items: z.array(unitContactSchema) });
/** A field left out keeps what is stored; null or an empty string clears it. */
export const unitContactInputSchema = z.object({
  email: optionalText('联系邮箱', 200)
    .refine((v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), '联系邮箱格式不正确')
    .optional(),
  phone: optionalText('联系手机', 20)
    .transform((v) => (v === null ? null : v.replace(/[\s-]/g, '')))
    .refine((v) => v === null || /^1[3-9]\d{9}$/.test(v), '联系手机须为11位手机号码')
    .optional(),
});
export const unitContactParamsSchema = z.object({ unitId: idField('单位') });

export const DELIVERY_STATUSES = ['pending', 'held', 'merged', 'sent', 'failed'] as const;
export const DELIVERY_STATUS_LABELS = {
  pending: '待发送/重试中',
  held: '待每日汇总',
  merged: '已并入每日汇总',
  sent: '已发送',
  failed: '发送失败',
} as const;
export const deliverySchema = z.object({
  id: z.string(),
  channel: z.enum(CHANNELS),
  target: z.string(),
  subject: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type Delivery = z.infer<typeof deliverySchema>;
export const deliveryListSchema = z.object({ items: z.array(deliverySchema) });
