import { AutoComplete, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { FieldIssue } from '@innocity/shared/errors';
import { COMPARATORS, COMPARATOR_LABELS } from '@innocity/shared/plan-pack';
import type { ItemKind, ItemOf } from '@innocity/shared/importer/proposal-edits';
import type { PlanProposal, ProposalTask } from '@innocity/shared/importer/proposal';
import { normalizeDue } from '@innocity/shared/due-date';
import { chineseNumeral } from '@innocity/shared/importer/proposal-summary';
import { KINDS, type FieldDef } from './item-kinds.tsx';

interface Props {
  kind: ItemKind;
  index: number | null;
  proposal: PlanProposal;
  /** Unit names to offer: the tree's and the plan's own. */
  unitNames: string[];
  /** The server's issues for this item, by field name. */
  issues: FieldIssue[];
  onSave(patch: Record<string, unknown>): void;
  onClose(): void;
}

/**
 * The input for one field; selects for references (area, goal, task), free text with suggestions for
 * units. Form.Item passes value, onChange and id to this component, which hands them to the control.
 */
function FieldInput({
  field,
  proposal,
  unitNames,
  ...control
}: { field: FieldDef; proposal: PlanProposal; unitNames: string[] } & Record<string, unknown>) {
  const unitOptions = unitNames.map((n) => ({ value: n, label: n }));
  switch (field.type) {
    case 'textarea':
      return <Input.TextArea {...control} autoSize={{ minRows: 3, maxRows: 12 }} />;
    case 'number':
      return <InputNumber {...control} style={{ width: '100%' }} />;
    case 'year':
      return <InputNumber {...control} min={1990} max={2100} precision={0} style={{ width: '100%' }} />;
    case 'unit':
      return (
        <AutoComplete
          {...control}
          options={unitOptions}
          filterOption={(input, o) => String(o?.value ?? '').includes(input)}
          placeholder="输入或选择单位名称"
        />
      );
    case 'units':
      return (
        <Select
          {...control}
          mode="tags"
          options={unitOptions}
          tokenSeparators={['、', '，', ',']}
          placeholder="输入或选择单位名称"
        />
      );
    case 'due':
      return <Input {...control} allowClear placeholder="如 2025-12-31、2025年底、2025年6月底前、长期坚持" />;
    case 'comparator':
      return (
        <Select
          {...control}
          options={COMPARATORS.map((c) => ({
            value: c,
            label: `${COMPARATOR_LABELS[c]}（${c === 'range' ? '区间' : c}）`,
          }))}
        />
      );
    case 'area':
      return (
        <Select
          {...control}
          options={proposal.areas.map((a) => ({ value: a.number, label: `（${chineseNumeral(a.number)}）${a.title}` }))}
        />
      );
    case 'goal':
      return (
        <Select
          {...control}
          allowClear
          placeholder="不属于发展目标"
          options={proposal.goals.map((g) => ({ value: g.number, label: `${g.number}. ${g.title}` }))}
        />
      );
    case 'task':
      return (
        <Select
          {...control}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="不属于重点任务"
          options={proposal.tasks.map((t) => ({ value: t.number, label: `${t.number}. ${t.title}` }))}
        />
      );
    default:
      return <Input {...control} />;
  }
}

/** A phrase that names an impossible date is refused here, before the server would. */
const dueRule = {
  validator: async (_: unknown, value: unknown) => {
    const due = normalizeDue(typeof value === 'string' ? value : null);
    if (!due.ok) throw new Error(due.message);
  },
};

/** The proposal's due fields from what the office typed: a date where one can be derived, and the phrase. */
function duePatch(value: unknown): { dueDate: string | null; dueText: string | null } {
  const due = normalizeDue(typeof value === 'string' ? value : null);
  return due.ok ? { dueDate: due.date, dueText: due.text } : { dueDate: null, dueText: null };
}

/** Edits one item's fields; the server's complaints about them show on the fields they name. */
export function ItemEditModal({ kind, index, proposal, unitNames, issues, onSave, onClose }: Props) {
  const [form] = Form.useForm();
  const config = KINDS[kind];
  const item = index === null ? undefined : (proposal[kind][index] as ItemOf<ItemKind> | undefined);
  // The pack reports a bad 完成期限 at dueDate; the office types it in the dueText field.
  const issueOf = (name: string) =>
    issues.find((i) => i.path.split('.').some((p) => p === name || (name === 'dueText' && p === 'dueDate')));
  // A task's 完成期限 is edited as one text: the phrase as written, else the date.
  const initial =
    kind === 'tasks' && item
      ? { ...item, dueText: (item as ProposalTask).dueText ?? (item as ProposalTask).dueDate }
      : item;

  const save = async () => {
    // A field the form refuses shows its message there; nothing is saved.
    const values = (await form.validateFields().catch(() => null)) as Record<string, unknown> | null;
    if (!values) return;
    // A cleared select answers undefined; the proposal keeps null for "none".
    const patch = Object.fromEntries(
      config.fields.map((f) => [f.name, values[f.name] ?? (f.type === 'units' ? [] : null)]),
    );
    if (kind === 'tasks' && typeof patch.leadUnit === 'string') patch.leadUnit = patch.leadUnit.trim() || null;
    if (kind === 'indicators' && typeof patch.targetYear === 'number') patch.targetDate = `${patch.targetYear}-12-31`;
    if (kind === 'tasks') Object.assign(patch, duePatch(patch.dueText));
    onSave(patch);
  };

  return (
    <Modal
      open={item !== undefined}
      title={item ? `编辑${config.label}：${config.title(item, proposal)}` : ''}
      okText="保存"
      cancelText="取消"
      onOk={save}
      onCancel={onClose}
      destroyOnHidden
      width={720}
    >
      <Form form={form} key={`${kind}-${index}`} layout="vertical" initialValues={initial} preserve={false}>
        {config.fields.map((f) => {
          const issue = issueOf(f.name);
          return (
            <Form.Item
              key={f.name}
              name={f.name}
              label={f.label}
              rules={f.type === 'due' ? [dueRule] : f.required ? [{ required: true, message: `请填写${f.label}` }] : []}
              {...(issue ? { validateStatus: 'error' as const, help: issue.message } : {})}
            >
              <FieldInput field={f} proposal={proposal} unitNames={unitNames} />
            </Form.Item>
          );
        })}
      </Form>
    </Modal>
  );
}
