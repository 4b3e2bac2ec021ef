import { useEffect, useState } from 'react';
import { Alert, App, Form, Input, Modal, Select, Typography } from 'antd';
import type { UnitNode } from '@innocity/shared/api/plans';
import type { Unit } from '@innocity/shared/api/units';
import { UNIT_KIND_LABELS, UNIT_KINDS, type UnitKind } from '@innocity/shared/plan-pack';
import { api } from '../../api/client.ts';
import { showApiError } from '../../api/form-errors.ts';

interface Values {
  code: string;
  name: string;
  fullName?: string;
  aliases: string[];
  kind: UnitKind;
}

const FIELDS = ['code', 'name', 'fullName', 'aliases', 'kind'] as const;
export const KIND_OPTIONS = UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }));

/** What the modal does: edit `unit`, or create a unit under `parent` (null for a top-level unit). */
export type UnitFormTarget = { unit: UnitNode } | { parent: UnitNode | null };

/** Creates a unit or edits its code, names, aliases and kind. */
export function UnitFormModal({
  target,
  onClose,
  onSaved,
}: {
  target: UnitFormTarget | null;
  onClose(): void;
  onSaved(u: Unit): void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const editing = target && 'unit' in target ? target.unit : undefined;
  const parent = target && 'parent' in target ? target.parent : undefined;

  useEffect(() => {
    if (!target) return;
    setProblem(undefined);
    form.resetFields();
    if ('unit' in target) {
      const u = target.unit;
      form.setFieldsValue({ code: u.code, name: u.name, fullName: u.fullName ?? '', aliases: u.aliases, kind: u.kind });
    } else {
      // A new unit is most likely of the same kind as its future siblings.
      form.setFieldsValue({ kind: target.parent?.children[0]?.kind ?? 'department' });
    }
  }, [target, form]);

  const submit = async (v: Values) => {
    setBusy(true);
    setProblem(undefined);
    const body = {
      code: v.code.trim(),
      name: v.name,
      fullName: v.fullName || null,
      aliases: v.aliases ?? [],
      kind: v.kind,
    };
    try {
      const saved = editing
        ? await api<Unit>('PATCH', `/api/units/${editing.id}`, body)
        : await api<Unit>('POST', '/api/units', { ...body, parentId: parent?.id ?? null });
      message.success(editing ? `已保存单位“${saved.name}”` : `已新建单位“${saved.name}”`);
      onSaved(saved);
    } catch (err) {
      setProblem(showApiError(form, err, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!target}
      title={editing ? `编辑单位：${editing.name}` : parent ? `新建“${parent.name}”的下级单位` : '新建顶级单位'}
      okText={editing ? '保存' : '创建'}
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      {!editing && (
        <Typography.Paragraph type="secondary">
          上级单位：{parent ? parent.name : '无（顶级单位）'}
        </Typography.Paragraph>
      )}
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} role="alert" />}
      <Form<Values> form={form} name="unit" layout="vertical" onFinish={submit} initialValues={{ aliases: [] }}>
        <Form.Item
          label="单位名称"
          name="name"
          rules={[{ required: true, whitespace: true, message: '请填写单位名称' }]}
          extra="方案和页面中使用的简称，如“下蜀镇”“市科技局”"
        >
          <Input />
        </Form.Item>
        <Form.Item label="单位全称" name="fullName" extra="如“句容市科学技术局”，可不填">
          <Input />
        </Form.Item>
        <Form.Item label="别名" name="aliases" extra="方案文本中对该单位的其他叫法；输入后按回车添加，可添加多个">
          <Select
            mode="tags"
            open={false}
            suffixIcon={null}
            tokenSeparators={[',', '，', '、']}
            placeholder="输入别名后按回车"
          />
        </Form.Item>
        <Form.Item label="类别" name="kind" rules={[{ required: true, message: '请选择类别' }]}>
          <Select options={KIND_OPTIONS} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item
          label="单位编码"
          name="code"
          rules={[
            { required: true, message: '请填写单位编码' },
            { pattern: /^[a-z0-9-]+$/, message: '单位编码只能包含小写字母、数字和连字符' },
          ]}
          extra="系统内部使用的唯一编码，只能包含小写字母、数字和连字符，如 xiashu-town"
        >
          <Input autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
