import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../password-policy.ts';
import { ROLES, roleSchema, type Role } from './auth.ts';
import { booleanField, idField, optionalText, requiredText } from './fields.ts';

/** Roles whose work is tied to a unit: they must belong to at least one. */
export const UNIT_SCOPED_ROLES: readonly Role[] = ['reporter', 'approver'];
export const UNITS_REQUIRED_MESSAGE = '单位填报员和单位审核人须至少属于一个单位';

/** A user as the admin sees it. Never carries a password or its hash. */
export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  roles: z.array(roleSchema),
  units: z.array(z.object({ id: z.string(), name: z.string() })),
  /** The region the roles are granted in (and its subtree); null: the whole deployment. */
  regionId: z.string().nullable(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  passwordChangedAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const userListSchema = z.object({ items: z.array(userSchema), total: z.number().int() });
export type UserList = z.infer<typeof userListSchema>;

const roleField = z.enum(ROLES, { error: '角色无效' });

export const userListQuerySchema = z.object({
  q: optionalText('搜索词', 64).optional().describe('用户名、姓名或电话中包含的文字'),
  role: roleField.optional(),
  unitId: idField('单位').optional(),
  disabled: z.enum(['true', 'false'], { error: '停用状态须为 true 或 false' }).optional(),
});
export type UserListQuery = z.infer<typeof userListQuerySchema>;

export const userParamsSchema = z.object({ userId: idField('用户编号') });

const usernameField = requiredText('用户名', 32).regex(
  /^[A-Za-z0-9][A-Za-z0-9_.-]{2,31}$/,
  '用户名须为 3–32 个字母、数字、下划线、点或连字符，且以字母或数字开头',
);
const phoneField = optionalText('电话', 20).refine(
  (v) => v === null || /^[0-9+\-() ]{5,20}$/.test(v),
  '电话号码格式不正确',
);
const rolesField = z
  .array(roleField, { error: '请选择角色' })
  .min(1, '请至少选择一个角色')
  .transform((roles) => [...new Set(roles)]);
const unitIdsField = z
  .array(idField('单位'), { error: '单位须为列表' })
  .max(50, '单位过多')
  .transform((ids) => [...new Set(ids)]);
/** Where the roles apply: a region id, or null for the whole deployment. */
const regionField = idField('所属地区').nullable();
const passwordField = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .min(PASSWORD_MIN_LENGTH, `${label}至少 ${PASSWORD_MIN_LENGTH} 个字符`)
    .max(PASSWORD_MAX_LENGTH, `${label}不能超过 ${PASSWORD_MAX_LENGTH} 个字符`);

const needsUnit = (roles: Role[] | undefined, unitIds: string[] | undefined) =>
  roles !== undefined &&
  unitIds !== undefined &&
  roles.some((r) => UNIT_SCOPED_ROLES.includes(r)) &&
  unitIds.length === 0;

/** A new account. The initial password is temporary: the user must change it at first login. */
export const createUserInputSchema = z
  .object({
    username: usernameField,
    displayName: requiredText('姓名', 50),
    phone: phoneField,
    roles: rolesField,
    unitIds: unitIdsField.default([]),
    regionId: regionField.default(null),
    initialPassword: passwordField('初始密码'),
  })
  .superRefine((v, ctx) => {
    if (needsUnit(v.roles, v.unitIds))
      ctx.addIssue({ code: 'custom', path: ['unitIds'], message: UNITS_REQUIRED_MESSAGE });
  });
export type CreateUserInput = z.infer<typeof createUserInputSchema>;

/** Changes to an account; fields left out stay as they are; roles and units replace the old sets. */
export const updateUserInputSchema = z
  .object({
    username: usernameField.optional(),
    displayName: requiredText('姓名', 50).optional(),
    phone: phoneField.optional(),
    roles: rolesField.optional(),
    unitIds: unitIdsField.optional(),
    regionId: regionField.optional(),
    disabled: booleanField('停用').optional(),
  })
  .superRefine((v, ctx) => {
    if (needsUnit(v.roles, v.unitIds))
      ctx.addIssue({ code: 'custom', path: ['unitIds'], message: UNITS_REQUIRED_MESSAGE });
  });
export type UpdateUserInput = z.infer<typeof updateUserInputSchema>;

/** The admin's reset: a temporary password that the user must change at next login. */
export const resetPasswordInputSchema = z.object({ temporaryPassword: passwordField('临时密码') });
export type ResetPasswordInput = z.infer<typeof resetPasswordInputSchema>;

/** A user changing their own password. */
export const changePasswordInputSchema = z.object({
  oldPassword: z.string({ error: '请填写原密码' }).min(1, '请填写原密码').max(256, '原密码过长'),
  newPassword: passwordField('新密码'),
});
export type ChangePasswordInput = z.infer<typeof changePasswordInputSchema>;
