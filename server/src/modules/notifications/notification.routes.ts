import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as n from '@innocity/shared/api/notifications';
import type { Db } from '../../db/connection.ts';
import { actorOf, auditContext } from '../../http/auth-hook.ts';
import { errorResponses } from '../../http/openapi.ts';
import * as settings from './channel-settings.service.ts';
import { listMyNotifications, markAllRead, markNotificationRead } from './notification.service.ts';

const tags = ['notifications'];

/** The bell (in-app notifications), outgoing channel settings, unit contacts and the delivery log. */
export const notificationRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const list = { 200: n.notificationListSchema, ...errorResponses };
  app.get('/api/notifications', { schema: { tags, summary: '我的通知及未读数', response: list } }, async (request) =>
    listMyNotifications(db, actorOf(request)),
  );
  app.post(
    '/api/notifications/:notificationId/read',
    { schema: { tags, summary: '标记已读', params: n.notificationParamsSchema, response: list } },
    async (request) => markNotificationRead(db, actorOf(request), request.params.notificationId, auditContext(request)),
  );
  app.post(
    '/api/notifications/read-all',
    { schema: { tags, summary: '全部标记已读', response: list } },
    async (request) => markAllRead(db, actorOf(request), auditContext(request)),
  );

  const channels = { 200: n.channelSettingsSchema, ...errorResponses };
  app.get(
    '/api/notification-settings',
    { schema: { tags, summary: '通知通道设置（系统管理员；不返回密码与机器人地址）', response: channels } },
    async (request) => settings.getChannelSettings(db, actorOf(request)),
  );
  app.put(
    '/api/notification-settings',
    {
      schema: {
        tags,
        summary: '修改通知通道设置（系统管理员）',
        body: n.channelSettingsInputSchema,
        response: channels,
      },
    },
    async (request) => settings.updateChannelSettings(db, actorOf(request), request.body, auditContext(request)),
  );
  app.get(
    '/api/unit-contacts',
    {
      schema: {
        tags,
        summary: '单位联系邮箱和手机（系统管理员、办公室）',
        response: { 200: n.unitContactListSchema, ...errorResponses },
      },
    },
    async (request) => ({
      items: await settings.listUnitContacts(db, actorOf(request)),
    }),
  );
  app.put(
    '/api/unit-contacts/:unitId',
    {
      schema: {
        tags,
        summary: '设置单位联系邮箱和手机（系统管理员）',
        params: n.unitContactParamsSchema,
        body: n.unitContactInputSchema,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await settings.setUnitContact(db, actorOf(request), request.params.unitId, request.body, auditContext(request));
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/deliveries',
    {
      schema: {
        tags,
        summary: '外发记录（邮件、群机器人）及状态',
        response: { 200: n.deliveryListSchema, ...errorResponses },
      },
    },
    async (request) => ({
      items: await settings.listDeliveryLog(db, actorOf(request)),
    }),
  );
};
