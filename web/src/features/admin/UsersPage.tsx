import { useState } from 'react';
import { App, Button, Card, Empty, Input, Result, Select, Space, Tag, TreeSelect, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ROLE_LABELS, type Role } from '@innocity/shared/api/auth';
import type { User, UserList } from '@innocity/shared/api/users';
import { api, ApiError } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { ResetPasswordModal } from './ResetPasswordModal.tsx';
import { ROLE_OPTIONS, UserFormModal } from './UserFormModal.tsx';
import { unitOptions, useUnitTree } from './unit-tree.ts';
import { namedPageItem, searchButton } from '../../components/a11y.tsx';
import { PhoneTable } from '../../components/PhoneTable.tsx';

interface Filter {
  q?: string;
  role?: Role;
  unitId?: string;
  disabled?: 'true' | 'false';
}

const query = (f: Filter) =>
  new URLSearchParams(Object.entries(f).filter(([, v]) => v) as [string, string][]).toString();

/** Accounts (admin): find by name, role, unit or state; create, edit, disable or enable, reset a password. */
export default function UsersPage() {
  const { user: me } = useAuth();
  const { message, modal } = App.useApp();
  const [filter, setFilter] = useState<Filter>({});
  const [editing, setEditing] = useState<{ user?: User } | null>(null);
  const [resetting, setResetting] = useState<User>();
  const isAdmin = !!me?.roles.includes('admin');
  const units = useUnitTree();
  const list = useApi(
    () => (isAdmin ? api<UserList>('GET', `/api/users?${query(filter)}`) : Promise.resolve(undefined)),
    [isAdmin, query(filter)],
  );
  if (!isAdmin) return <Result status="403" title="无权访问" subTitle="只有系统管理员可以管理用户账号。" />;
  if (list.error)
    return (
      <Result
        status="error"
        title="无法加载用户列表"
        subTitle={list.error.message}
        extra={<Button onClick={list.reload}>重试</Button>}
      />
    );

  const unitTree = unitOptions(units.items);
  const filtered = Object.values(filter).some(Boolean);
  const setDisabled = (u: User, disabled: boolean) =>
    modal.confirm({
      title: disabled ? `确定停用账号“${u.displayName}”吗？` : `确定启用账号“${u.displayName}”吗？`,
      content: disabled
        ? '停用后该用户立即退出所有登录，且不能再登录；其历史记录保留，可随时重新启用。'
        : '启用后该用户可以用原密码登录。',
      okText: disabled ? '停用' : '启用',
      okButtonProps: { danger: disabled },
      cancelText: '取消',
      onOk: async () => {
        try {
          await api<User>('PATCH', `/api/users/${u.id}`, { disabled });
          message.success(disabled ? `已停用“${u.displayName}”` : `已启用“${u.displayName}”`);
          list.reload();
        } catch (err) {
          message.error(err instanceof ApiError ? err.message : String(err));
        }
      },
    });

  return (
    <div className="page">
      <div className="page-head">
        <Typography.Title level={4}>用户管理</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
          新建用户
        </Button>
      </div>
      <Card>
        <div className="filter-bar" role="search" aria-label="筛选用户">
          <Input.Search
            aria-label="搜索用户"
            enterButton={searchButton}
            placeholder="用户名、姓名或电话"
            allowClear
            onSearch={(q) => setFilter({ ...filter, q: q.trim() || undefined })}
          />
          <Select
            aria-label="按角色筛选"
            placeholder="全部角色"
            allowClear
            value={filter.role}
            options={ROLE_OPTIONS}
            onChange={(role?: Role) => setFilter({ ...filter, role })}
          />
          <TreeSelect
            aria-label="按单位筛选"
            placeholder="全部单位"
            allowClear
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeDefaultExpandAll
            value={filter.unitId}
            treeData={unitOptions(units.items, { allowDisabled: true })}
            onChange={(unitId?: string) => setFilter({ ...filter, unitId })}
          />
          <Select
            aria-label="按状态筛选"
            placeholder="全部状态"
            allowClear
            value={filter.disabled}
            options={[
              { value: 'false', label: '启用中' },
              { value: 'true', label: '已停用' },
            ]}
            onChange={(disabled?: 'true' | 'false') => setFilter({ ...filter, disabled })}
          />
        </div>
        <PhoneTable<User>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 个账号`, itemRender: namedPageItem }}
          locale={{
            emptyText: (
              <Empty
                description={
                  filtered
                    ? '没有符合条件的账号。请调整或清除筛选条件。'
                    : '还没有账号。点击“新建用户”为各单位开设账号。'
                }
              />
            ),
          }}
          columns={[
            { title: '用户名', dataIndex: 'username' },
            { title: '姓名', dataIndex: 'displayName' },
            { title: '电话', dataIndex: 'phone', render: (p: string | null) => p ?? '—' },
            {
              title: '所属单位',
              dataIndex: 'units',
              render: (us: User['units']) => (us.length ? us.map((u) => <Tag key={u.id}>{u.name}</Tag>) : '—'),
            },
            {
              title: '角色',
              dataIndex: 'roles',
              render: (rs: Role[]) =>
                rs.map((r) => (
                  <Tag color="red" key={r}>
                    {ROLE_LABELS[r]}
                  </Tag>
                )),
            },
            {
              title: '状态',
              render: (_: unknown, u) => (
                <Space size={0} wrap>
                  {u.disabled ? <Tag color="default">已停用</Tag> : <Tag color="green">启用中</Tag>}
                  {u.mustChangePassword && <Tag color="orange">待改密码</Tag>}
                </Space>
              ),
            },
            {
              title: '操作',
              render: (_: unknown, u) => (
                <Space size={0} wrap={false}>
                  <Button
                    type="link"
                    size="small"
                    onClick={() => setEditing({ user: u })}
                    aria-label={`编辑 ${u.username}`}
                  >
                    编辑
                  </Button>
                  <Button
                    type="link"
                    size="small"
                    onClick={() => setResetting(u)}
                    aria-label={`重置 ${u.username} 的密码`}
                  >
                    重置密码
                  </Button>
                  <Button
                    type="link"
                    size="small"
                    danger={!u.disabled}
                    onClick={() => setDisabled(u, !u.disabled)}
                    aria-label={`${u.disabled ? '启用' : '停用'} ${u.username}`}
                  >
                    {u.disabled ? '启用' : '停用'}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <UserFormModal
        open={!!editing}
        user={editing?.user}
        units={unitTree}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          list.reload();
        }}
      />
      <ResetPasswordModal
        user={resetting}
        onClose={() => setResetting(undefined)}
        onDone={() => {
          setResetting(undefined);
          list.reload();
        }}
      />
    </div>
  );
}
