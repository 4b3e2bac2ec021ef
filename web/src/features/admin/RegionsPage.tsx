import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  Result,
  Row,
  Select,
  Tree,
  TreeSelect,
  Typography,
} from 'antd';
import { REGION_LEVEL_LABELS, REGION_LEVELS, type Region, type RegionLevel } from '@innocity/shared/api/regions';
import { api } from '../../api/client.ts';
import { showApiError } from '../../api/form-errors.ts';
import { useApi } from '../../api/use-api.ts';
import { PageLoading } from '../../components/PageLoading.tsx';
import { regionOptions, type RegionOption } from './region-tree.ts';

interface Values {
  name: string;
  level: RegionLevel;
  parentId?: string;
}

const FIELDS = ['name', 'level', 'parentId'] as const;
interface TreeItem {
  key: string;
  title: string;
  children: TreeItem[];
}
const toTree = (options: RegionOption[]): TreeItem[] =>
  options.map((o) => ({ key: o.value, title: o.title, children: toTree(o.children) }));

/**
 * 地区管理 (admin, 省级管理员): the tree 省 → 设区市 → 县（市、区） that plans, units and role grants
 * belong to. A pack or an import files its county here by itself; the admin adds the rest.
 */
export default function RegionsPage() {
  const { message } = App.useApp();
  const regions = useApi(() => api<{ items: Region[] }>('GET', '/api/regions'), []);
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  if (regions.loading && !regions.data) return <PageLoading />;
  if (regions.error) return <Result status="error" title="无法加载地区" subTitle={regions.error.message} />;
  const options = regionOptions(regions.data?.items ?? []);

  const submit = async (v: Values) => {
    setBusy(true);
    setProblem(undefined);
    try {
      const saved = await api<Region>('POST', '/api/regions', { ...v, parentId: v.parentId ?? null });
      message.success(`已新建地区“${saved.name}”`);
      form.resetFields();
      regions.reload();
    } catch (err) {
      setProblem(showApiError(form, err, FIELDS, 'name'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Typography.Title level={3}>地区管理</Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <Card title="地区树">
            {options.length === 0 ? (
              <Empty description="还没有地区。载入方案数据包或导入方案时会自动建立其所属地区。" />
            ) : (
              <Tree treeData={toTree(options)} defaultExpandAll selectable={false} />
            )}
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card title="新建地区">
            {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} role="alert" />}
            <Form<Values> form={form} name="region" layout="vertical" onFinish={submit} autoComplete="off">
              <Form.Item label="地区名称" name="name" rules={[{ required: true, message: '请填写地区名称' }]}>
                <Input placeholder="如：丹阳市" />
              </Form.Item>
              <Form.Item label="层级" name="level" rules={[{ required: true, message: '请选择层级' }]}>
                <Select options={REGION_LEVELS.map((l) => ({ value: l, label: REGION_LEVEL_LABELS[l] }))} />
              </Form.Item>
              <Form.Item label="上级地区" name="parentId" extra="省级地区不选上级">
                <TreeSelect
                  treeData={options}
                  fieldNames={{ label: 'title', value: 'value', children: 'children' }}
                  treeDefaultExpandAll
                  allowClear
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy}>
                新建
              </Button>
            </Form>
          </Card>
        </Col>
      </Row>
    </>
  );
}
