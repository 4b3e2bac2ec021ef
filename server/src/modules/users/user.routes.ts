import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sessionInfoSchema } from '@innocity/shared/api/auth';
import {
  changePasswordInputSchema,
  createUserInputSchema,
  resetPasswordInputSchema,
  updateUserInputSchema,
  userListQuerySchema,
  userListSchema,
  userParamsSchema,
  userSchema,
} from '@innocity/shared/api/users';
import type { Db } from '../../db/connection.ts';
import { actorOf, auditContext } from '../../http/auth-hook.ts';
import { unauthenticated } from '../../http/errors.ts';
import { errorResponses } from '../../http/openapi.ts';
import { changeOwnPassword, resetPassword } from './password.service.ts';
import { createUser, getUser, listUsers, updateUser } from './user.service.ts';

const tags = ['users'];

/** Accounts (admin) and everyone's own password. */
export const userRoutes: FastifyPluginAsyncZod<{ db: Db; timeZone: string }> = async (app, { db, timeZone }) => {
  app.get(
    '/api/users',
    {
      schema: {
        tags,
        summary: '账号列表（系统管理员）',
        querystring: userListQuerySchema,
        response: { 200: userListSchema, ...errorResponses },
      },
    },
    async (request) => listUsers(db, actorOf(request), request.query),
  );
  app.post(
    '/api/users',
    {
      schema: {
        tags,
        summary: '新建账号（系统管理员；首次登录须改密码）',
        body: createUserInputSchema,
        response: { 201: userSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createUser(db, actorOf(request), request.body, auditContext(request))),
  );
  app.get(
    '/api/users/:userId',
    {
      schema: {
        tags,
        summary: '账号详情（系统管理员）',
        params: userParamsSchema,
        response: { 200: userSchema, ...errorResponses },
      },
    },
    async (request) => getUser(db, actorOf(request), request.params.userId),
  );
  app.patch(
    '/api/users/:userId',
    {
      schema: {
        tags,
        summary: '修改账号：姓名、电话、单位、角色、停用（系统管理员）',
        params: userParamsSchema,
        body: updateUserInputSchema,
        response: { 200: userSchema, ...errorResponses },
      },
    },
    async (request) => updateUser(db, actorOf(request), request.params.userId, request.body, auditContext(request)),
  );
  app.post(
    '/api/users/:userId/password-reset',
    {
      schema: {
        tags,
        summary: '重置密码为临时密码并使其全部登录失效（系统管理员）',
        params: userParamsSchema,
        body: resetPasswordInputSchema,
        response: { 200: userSchema, ...errorResponses },
      },
    },
    async (request) => resetPassword(db, actorOf(request), request.params.userId, request.body, auditContext(request)),
  );
  app.post(
    '/api/auth/password',
    {
      config: { allowPendingPasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: '修改本人密码（其他登录随之失效）',
        body: changePasswordInputSchema,
        response: { 200: sessionInfoSchema, ...errorResponses },
      },
    },
    async (request) => {
      if (!request.session) throw unauthenticated();
      const { sessionId, csrfToken } = request.session;
      return changeOwnPassword(
        db,
        actorOf(request),
        request.body,
        { ...auditContext(request), ip: request.ip },
        { sessionId, csrfToken, timeZone },
      );
    },
  );
};
