import { useEffect, useState } from 'react';
import { Alert, App, Button, Drawer, Form, Input, InputNumber, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { LedgerField } from '@innocity/shared/ledger-type';
import type { LedgerRow, LedgerTypeInfo } from '@innocity/shared/api/ledgers';
import { api, ApiError } from '../../api/client.ts';
import { fieldHeader } from './ledger-format.ts';
import { DateInput } from '../../components/DateInput.tsx';

type FormValue = string | number | boolean | Dayjs | null | undefined;

function control(f: LedgerField) {
  switch (f.type) {
    case 'integer':
      return <InputNumber precision={0} style={{ width: '100%' }} addonAfter={f.unit} />;
    case 'decimal':
      return <InputNumber style={{ width: '100%' }} addonAfter={f.unit} stringMode={false} />;
    case 'date':
      return <DateInput style={{ width: '100%' }} />;
    case 'enum':
      return <Select allowClear options={f.values!.map((v) => ({ value: v, label: v }))} placeholder="请选择" />;
    case 'boolean':
      return (
        <Select
          allowClear
          options={[
            { value: true, label: '是' },
            { value: false, label: '否' },
          ]}
          placeholder="请选择"
        />
      );
    default:
      return <Input maxLength={500} />;
  }
}

const toForm = (f: LedgerField, v: unknown): FormValue =>
  f.type === 'date' && typeof v === 'string' ? dayjs(v) : (v as FormValue);
const fromForm = (f: LedgerField, v: FormValue): unknown =>
  f.type === 'date' && dayjs.isDayjs(v) ? v.format('YYYY-MM-DD') : v;

/** A drawer form generated from the ledger type's fields; creates a row, or replaces one's values. */
export function RowEditor(props: {
  planId: string;
  type: LedgerTypeInfo;
  units: { id: string; name: string }[];
  row: LedgerRow | 'new' | null;
  onClose(): void;
  onSaved(): void;
}) {
  const { planId, type, units, row, onClose, onSaved } = props;
  const [form] = Form.useForm();
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();
  const editing = row && row !== 'new' ? row : null;

  useEffect(() => {
    if (!row) return;
    form.resetFields();
    setError(undefined);
    if (row === 'new') form.setFieldsValue({ unitId: units.length === 1 ? units[0]!.id : undefined });
    else
      form.setFieldsValue({
        unitId: row.unit.id,
        values: Object.fromEntries(type.fields.map((f) => [f.key, toForm(f, row.values[f.key])])),
      });
  }, [row, form, type, units]);

  const save = async () => {
    const input = (await form.validateFields()) as { unitId: string; values?: Record<string, FormValue> };
    const values: Record<string, unknown> = {};
    for (const f of type.fields) {
      const v = input.values?.[f.key];
      if (v !== undefined && v !== null && v !== '') values[f.key] = fromForm(f, v);
    }
    setSaving(true);
    setError(undefined);
    try {
      const base = `/api/plans/${encodeURIComponent(planId)}/ledgers/${type.code}/rows`;
      if (editing) await api('PUT', `${base}/${editing.id}`, { values, version: editing.version });
      else await api('POST', base, { unitId: input.unitId, values });
      message.success(editing ? '已保存修改' : '已新增记录');
      onSaved();
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(0, 'internal', String(err));
      const placed = e.issues.filter((i) => i.path.startsWith('values.'));
      form.setFields(placed.map((i) => ({ name: ['values', i.path.slice(7)], errors: [i.message] })));
      setError(placed.length === e.issues.length && placed.length > 0 ? undefined : e.message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={row !== null}
      onClose={onClose}
      title={editing ? `修改${type.name}记录` : `新增${type.name}记录`}
      size={480}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={saving} onClick={() => void save()}>
            保存
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" requiredMark>
        <Form.Item name="unitId" label="填报单位" rules={[{ required: true, message: '请选择填报单位' }]}>
          <Select
            disabled={!!editing}
            options={units.map((u) => ({ value: u.id, label: u.name }))}
            placeholder="请选择"
            showSearch
            optionFilterProp="label"
          />
        </Form.Item>
        {type.fields.map((f) => (
          <Form.Item
            key={f.key}
            name={['values', f.key]}
            label={fieldHeader(f)}
            rules={f.required ? [{ required: true, message: `请填写${f.label}` }] : []}
          >
            {control(f)}
          </Form.Item>
        ))}
      </Form>
    </Drawer>
  );
}
