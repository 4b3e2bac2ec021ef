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
  }),
  webhook: z.object({
    enabled: z.boolean(),
    format: z.enum(WEBHOOK_FORMATS),
    /** Scheme and host only: the address itself carries the robot's key. */
    urlHint: z.string(),
    hasUrl: z.boolean(),
    hasSecret: z.boolean(),
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
  }),
  webhook: z.object({
    enabled: z.boolean(),
    format: z.enum(WEBHOOK_FORMATS),
    url: z
      .string()
      .trim()
      .max(1000)
      .refine((v) => v === '' || /^https?:\/\/[^\s]+$/.test(v), '机器人地址须以 http:// 或 https:// 开头')
      .optional(),
    secret: z.string().max(500).optional(),
  }),
});
export type ChannelSettingsInput = z.infer<typeof channelSettingsInputSchema>;

export const unitContactSchema = z.object({ unitId: z.string(), unitName: z.string(), email: z.string().nullable() });
export const unitContactListSchema = z.object({ items: z.array(unitContactSchema) });
export const unitContactInputSchema = z.object({
  email: optionalText('联系邮箱', 200).refine(
    (v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
    '联系邮箱格式不正确',
  ),
});
export const unitContactParamsSchema = z.object({ unitId: idField('单位') });

export const DELIVERY_STATUSES = ['pending', 'sent', 'failed'] as const;
export const DELIVERY_STATUS_LABELS = { pending: '待发送/重试中', sent: '已发送', failed: '发送失败' } as const;
export const deliverySchema = z.object({
  id: z.string(),
  channel: z.enum(['email', 'webhook']),
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
