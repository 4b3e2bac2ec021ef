import { useEffect, useState } from 'react';
import { Alert, App, Form, Modal, TreeSelect, Typography } from 'antd';
import type { UnitNode } from '@innocity/shared/api/plans';
import type { Unit } from '@innocity/shared/api/units';
import { api } from '../../api/client.ts';
import { showApiError } from '../../api/form-errors.ts';
import { unitOptions } from './unit-tree.ts';

const TOP = '__top__';

/** Moves a unit (with its sub-units) under another parent, or to the top of the tree. */
export function MoveUnitModal({
  unit,
  tree,
  onClose,
  onMoved,
}: {
  unit: UnitNode | undefined;
  tree: UnitNode[];
  onClose(): void;
  onMoved(u: Unit): void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ parentId: string }>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();

  useEffect(() => {
    if (!unit) return;
    setProblem(undefined);
    form.setFieldsValue({ parentId: unit.parentId ?? TOP });
  }, [unit, form]);

  const submit = async ({ parentId }: { parentId: string }) => {
    if (!unit) return;
    setBusy(true);
    try {
      const moved = await api<Unit>('POST', `/api/units/${unit.id}/move`, {
        parentId: parentId === TOP ? null : parentId,
      });
      message.success(`已移动单位“${moved.name}”`);
      onMoved(moved);
    } catch (err) {
      setProblem(showApiError(form, err, ['parentId']));
    } finally {
      setBusy(false);
    }
  };

  // The unit itself and its subtree are left out: a unit never moves below itself.
  const options = [
    { value: TOP, title: '（顶级单位，无上级）', children: [] },
    ...unitOptions(tree, { exclude: unit?.id }),
  ];
  return (
    <Modal
      open={!!unit}
      title={`调整上级单位：${unit?.name ?? ''}`}
      okText="确认移动"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      <Typography.Paragraph>
        移动后，“{unit?.name}”及其全部下级单位一起归到新的上级单位之下；账号、填报记录不受影响。
      </Typography.Paragraph>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} name="move" layout="vertical" onFinish={submit}>
        <Form.Item label="新的上级单位" name="parentId" rules={[{ required: true, message: '请选择上级单位' }]}>
          <TreeSelect treeData={options} showSearch={{ treeNodeFilterProp: 'title' }} treeDefaultExpandAll />
        </Form.Item>
      </Form>
    </Modal>
  );
}
