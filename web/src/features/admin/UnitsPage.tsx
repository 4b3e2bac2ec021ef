import { useMemo, useRef, useState, type ReactNode } from 'react';
import { App, Button, Card, Col, Descriptions, Empty, Input, Result, Row, Space, Tag, Tree, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { UnitNode } from '@innocity/shared/api/plans';
import type { Unit } from '@innocity/shared/api/units';
import { UNIT_KIND_LABELS } from '@innocity/shared/plan-pack';
import { api, ApiError } from '../../api/client.ts';
import { PageLoading } from '../../components/PageLoading.tsx';
import { useAuth } from '../auth/AuthContext.tsx';
import { MoveUnitModal } from './MoveUnitModal.tsx';
import { UnitFormModal, type UnitFormTarget } from './UnitFormModal.tsx';
import { flattenUnits, useUnitTree } from './unit-tree.ts';
import { searchButton } from '../../components/a11y.tsx';

interface TreeItem {
  key: string;
  title: ReactNode;
  children: TreeItem[];
}

/** The tree for antd's Tree, keeping only units that match `q` (by any of their names) and their ancestors. */
function treeItems(nodes: UnitNode[], q: string): TreeItem[] {
  return nodes.flatMap((n) => {
    const children = treeItems(n.children, q);
    const hit = !q || [n.name, n.fullName ?? '', ...n.aliases].some((s) => s.includes(q));
    if (!hit && children.length === 0) return [];
    const title = (
      <span className={n.disabled ? 'unit-disabled' : undefined}>
        <span>{n.name}</span>
        <Tag className="unit-kind">{UNIT_KIND_LABELS[n.kind]}</Tag>
        {n.disabled && <Tag color="default">已停用</Tag>}
      </span>
    );
    return [{ key: n.id, title, children }];
  });
}

/** The org tree (admin): create, edit, move, disable and enable units. */
export default function UnitsPage() {
  const { user } = useAuth();
  const { message, modal } = App.useApp();
  const tree = useUnitTree();
  const [selectedId, setSelectedId] = useState<string>();
  const [q, setQ] = useState('');
  const [formTarget, setFormTarget] = useState<UnitFormTarget | null>(null);
  const [moving, setMoving] = useState<UnitNode>();
  // Everything starts expanded; the admin folds branches away, and a unit just saved is always shown.
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const detail = useRef<HTMLDivElement>(null);
  const items = useMemo(() => treeItems(tree.items, q.trim()), [tree.items, q]);
  const parents = useMemo(
    () =>
      flattenUnits(tree.items)
        .filter((u) => u.children.length > 0)
        .map((u) => u.id),
    [tree.items],
  );
  if (!user?.roles.includes('admin'))
    return <Result status="403" title="无权访问" subTitle="只有系统管理员可以维护单位。" />;
  if (tree.loading && !tree.data) return <PageLoading />;
  if (tree.error)
    return (
      <Result
        status="error"
        title="无法加载单位树"
        subTitle={tree.error.message}
        extra={<Button onClick={tree.reload}>重试</Button>}
      />
    );

  const selected = selectedId ? tree.byId.get(selectedId) : undefined;
  const parent = selected?.parentId ? tree.byId.get(selected.parentId) : undefined;
  const saved = (u: Unit) => {
    setFormTarget(null);
    setMoving(undefined);
    setSelectedId(u.id);
    const open = new Set(collapsed);
    for (let at = u.parentId; at; at = tree.byId.get(at)?.parentId ?? null) open.delete(at);
    setCollapsed(open);
    tree.reload();
  };
  const toggle = (u: UnitNode) =>
    modal.confirm({
      title: u.disabled ? `确定启用单位“${u.name}”吗？` : `确定停用单位“${u.name}”吗？`,
      content: u.disabled
        ? '启用后可以再给该单位分配账号和任务。'
        : '停用后不能再给该单位分配账号和任务，单位树中仍保留它；已有的填报、台账和历史记录不受影响，可随时重新启用。',
      okText: u.disabled ? '启用' : '停用',
      okButtonProps: { danger: !u.disabled },
      cancelText: '取消',
      onOk: async () => {
        try {
          await api('POST', `/api/units/${u.id}/${u.disabled ? 'enable' : 'disable'}`);
          message.success(u.disabled ? `已启用“${u.name}”` : `已停用“${u.name}”`);
          tree.reload();
        } catch (err) {
          message.error(err instanceof ApiError ? err.message : String(err));
        }
      },
    });

  return (
    <div className="page">
      <div className="page-head">
        <Typography.Title level={4}>单位管理</Typography.Title>
        <Button icon={<PlusOutlined />} onClick={() => setFormTarget({ parent: null })}>
          新建顶级单位
        </Button>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title="单位树" size="small">
            <Input.Search
              aria-label="查找单位"
              enterButton={searchButton}
              placeholder="输入单位名称、全称或别名查找"
              allowClear
              onChange={(e) => setQ(e.target.value)}
              style={{ marginBottom: 12 }}
            />
            {items.length === 0 ? (
              <Empty
                description={
                  q ? '没有名称匹配的单位，请换个关键词。' : '还没有单位。点击“新建顶级单位”开始建立单位树。'
                }
              />
            ) : (
              <Tree
                treeData={items}
                expandedKeys={q ? parents : parents.filter((id) => !collapsed.has(id))}
                onExpand={(keys) => !q && setCollapsed(new Set(parents.filter((id) => !keys.includes(id))))}
                blockNode
                selectedKeys={selectedId ? [selectedId] : []}
                aria-label="单位树"
                onSelect={(keys) => {
                  setSelectedId((keys[0] as string | undefined) ?? selectedId);
                  // On a phone the details sit below the long tree: bring them into view.
                  if (window.matchMedia('(max-width: 991px)').matches)
                    requestAnimationFrame(() => detail.current?.scrollIntoView({ block: 'start', behavior: 'smooth' }));
                }}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14} ref={detail}>
          <Card title={selected ? selected.name : '单位信息'} size="small" className="unit-detail">
            {!selected ? (
              <Empty description="在单位树中选择一个单位，查看和维护它的信息。" />
            ) : (
              <>
                <Descriptions column={1} size="small" bordered styles={{ label: { width: 96 } }}>
                  <Descriptions.Item label="名称">{selected.name}</Descriptions.Item>
                  <Descriptions.Item label="全称">{selected.fullName ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label="别名">
                    {selected.aliases.length ? selected.aliases.map((a) => <Tag key={a}>{a}</Tag>) : '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label="类别">{UNIT_KIND_LABELS[selected.kind]}</Descriptions.Item>
                  <Descriptions.Item label="上级单位">{parent?.name ?? '无（顶级单位）'}</Descriptions.Item>
                  <Descriptions.Item label="下级单位">
                    {selected.children.length ? `${selected.children.length} 个` : '无'}
                  </Descriptions.Item>
                  <Descriptions.Item label="编码">{selected.code}</Descriptions.Item>
                  <Descriptions.Item label="状态">
                    {selected.disabled ? <Tag>已停用</Tag> : <Tag color="green">启用中</Tag>}
                  </Descriptions.Item>
                </Descriptions>
                <Space wrap style={{ marginTop: 16 }}>
                  <Button onClick={() => setFormTarget({ unit: selected })}>编辑</Button>
                  <Button onClick={() => setMoving(selected)}>调整上级</Button>
                  <Button
                    icon={<PlusOutlined />}
                    disabled={selected.disabled}
                    onClick={() => setFormTarget({ parent: selected })}
                  >
                    新建下级单位
                  </Button>
                  <Button danger={!selected.disabled} onClick={() => toggle(selected)}>
                    {selected.disabled ? '启用' : '停用'}
                  </Button>
                </Space>
              </>
            )}
          </Card>
        </Col>
      </Row>
      <UnitFormModal target={formTarget} onClose={() => setFormTarget(null)} onSaved={saved} />
      <MoveUnitModal unit={moving} tree={tree.items} onClose={() => setMoving(undefined)} onMoved={saved} />
    </div>
  );
}
