import { useEffect, useState } from 'react';
import { Alert, App, Checkbox, Form, Input, Modal, TreeSelect } from 'antd';
import { ROLE_LABELS, ROLES, type Role } from '@innocity/shared/api/auth';
import { UNIT_SCOPED_ROLES, UNITS_REQUIRED_MESSAGE, type User } from '@innocity/shared/api/users';
import { api } from '../../api/client.ts';
import { showApiError } from '../../api/form-errors.ts';
import { passwordPolicyRule, PasswordPolicyHint } from '../account/PasswordPolicy.tsx';
import type { UnitOption } from './unit-tree.ts';
import type { Region } from '@innocity/shared/api/regions';
import { useApi } from '../../api/use-api.ts';
import { regionOptions } from './region-tree.ts';

interface Values {
  username: string;
  displayName: string;
  phone?: string;
  unitIds: string[];
  roles: Role[];
  regionId?: string;
  initialPassword?: string;
}

const FIELDS = ['username', 'displayName', 'phone', 'unitIds', 'roles', 'regionId', 'initialPassword'] as const;
export const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

interface Props {
  /** The account to edit; undefined creates a new one. */
  user: User | undefined;
  open: boolean;
  units: UnitOption[];
  onClose(): void;
  onSaved(user: User): void;
}

/** Creates an account (with a temporary password the user must change) or edits one. */
export function UserFormModal({ user, open, units, onClose, onSaved }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const regions = useApi(() => api<{ items: Region[] }>('GET', '/api/regions'), []);
  const username = Form.useWatch('username', form);
  const password = Form.useWatch('initialPassword', form);

  useEffect(() => {
    if (!open) return;
    setProblem(undefined);
    form.resetFields();
    if (user)
      form.setFieldsValue({
        username: user.username,
        displayName: user.displayName,
        phone: user.phone ?? '',
        unitIds: user.units.map((u) => u.id),
        roles: user.roles,
        regionId: user.regionId ?? undefined,
      });
  }, [open, user, form]);

  const submit = async (v: Values) => {
    setBusy(true);
    setProblem(undefined);
    const body = {
      username: v.username.trim(),
      displayName: v.displayName,
      phone: v.phone || null,
      unitIds: v.unitIds ?? [],
      roles: v.roles ?? [],
      regionId: v.regionId ?? null,
    };
    try {
      const saved = user
        ? await api<User>('PATCH', `/api/users/${user.id}`, body)
        : await api<User>('POST', '/api/users', { ...body, initialPassword: v.initialPassword });
      message.success(
        user ? `已保存账号“${saved.displayName}”` : `已新建账号“${saved.displayName}”，首次登录须修改密码`,
      );
      onSaved(saved);
    } catch (err) {
      setProblem(showApiError(form, err, FIELDS, 'username'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={user ? `编辑账号：${user.displayName}` : '新建用户'}
      okText={user ? '保存' : '创建'}
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={640}
      forceRender
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} role="alert" />}
      <Form<Values>
        form={form}
        name="user"
        layout="vertical"
        onFinish={submit}
        initialValues={{ unitIds: [], roles: [] }}
        autoComplete="off"
      >
        <Form.Item
          label="用户名"
          name="username"
          rules={[{ required: true, message: '请填写用户名' }]}
          extra="用于登录；3–32 个字母、数字、下划线、点或连字符"
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label="姓名" name="displayName" rules={[{ required: true, message: '请填写姓名' }]}>
          <Input />
        </Form.Item>
        <Form.Item label="电话" name="phone">
          <Input inputMode="tel" />
        </Form.Item>
        <Form.Item
          label="所属单位"
          name="unitIds"
          dependencies={['roles']}
          extra="可选多个；单位填报员和单位审核人须至少属于一个单位"
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_r, ids: string[] | undefined) => {
                const roles = (getFieldValue('roles') ?? []) as Role[];
                if (roles.some((r) => UNIT_SCOPED_ROLES.includes(r)) && !ids?.length)
                  throw new Error(UNITS_REQUIRED_MESSAGE);
              },
            }),
          ]}
        >
          <TreeSelect
            treeData={units}
            multiple
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeDefaultExpandAll
            placeholder="选择单位，可输入名称搜索"
            allowClear
          />
        </Form.Item>
        <Form.Item label="角色" name="roles" rules={[{ required: true, message: '请至少选择一个角色' }]}>
          <Checkbox.Group options={ROLE_OPTIONS} />
        </Form.Item>
        <Form.Item
          label="授权地区"
          name="regionId"
          extra="角色只在所选地区及其下级地区有效（如句容市的办公室只管句容市的方案）；不选则为全部地区，仅用于系统管理员"
        >
          <TreeSelect
            treeData={regionOptions(regions.data?.items ?? [])}
            fieldNames={{ label: 'title', value: 'value', children: 'children' }}
            treeDefaultExpandAll
            allowClear
            placeholder="全部地区"
          />
        </Form.Item>
        {!user && (
          <Form.Item
            label="初始密码"
            required
            name="initialPassword"
            dependencies={['username']}
            rules={[passwordPolicyRule('初始密码', () => username)]}
            extra={
              <>
                <PasswordPolicyHint password={password} username={username} />
                <div style={{ fontSize: 12, color: '#888' }}>
                  这是临时密码：请当面或电话告知本人，本人首次登录时须修改。
                </div>
              </>
            }
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
