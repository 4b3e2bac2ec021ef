import { z } from 'zod';

export const ROLES = [
  'admin',
  'office',
  'leader',
  'reporter',
  'approver',
  'inspector',
  'province_admin',
  'province_viewer',
] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;
export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  office: '科创委办公室',
  leader: '领导',
  reporter: '单位填报员',
  approver: '单位审核人',
  inspector: '督查考核',
  province_admin: '省级管理员',
  province_viewer: '省级查看',
};

/** Header that carries the session's CSRF token on every state-changing request. */
export const CSRF_HEADER = 'x-csrf-token';

export const loginInputSchema = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(256),
});
export type LoginInput = z.infer<typeof loginInputSchema>;

export const meSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(roleSchema),
  units: z.array(z.object({ id: z.string(), name: z.string() })),
  mustChangePassword: z.boolean(),
});
export type Me = z.infer<typeof meSchema>;

export const sessionInfoSchema = z.object({ user: meSchema, csrfToken: z.string() });
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

/** What GET /api/auth/me answers: the session, or nulls for an anonymous visitor (not an error). */
export const sessionStateSchema = z.object({ user: meSchema.nullable(), csrfToken: z.string().nullable() });
export type SessionState = z.infer<typeof sessionStateSchema>;

export const healthSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['sqlite', 'postgres']),
  version: z.string(),
});
