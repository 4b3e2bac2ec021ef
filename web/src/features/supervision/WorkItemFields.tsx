import { Form, Input, InputNumber, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { DateInput } from '../../components/DateInput.tsx';

type Option = { value: string; label: string };

/** The form values of a work item (dates as dayjs); `toWorkItemInput` turns them into the API's shape. */
export interface WorkItemValues {
  taskId?: string;
  year: number;
  title: string;
  description?: string;
  leadUnitId: string;
  coUnitIds?: string[];
  dueDate: Dayjs;
  expectedEvidence?: string;
}

/** The API's work-item input from the form's values. */
export const toWorkItemInput = (v: WorkItemValues) => ({
  taskId: v.taskId ?? null,
  year: v.year,
  title: v.title,
  description: v.description ?? '',
  leadUnitId: v.leadUnitId,
  coUnitIds: v.coUnitIds ?? [],
  dueDate: v.dueDate.format('YYYY-MM-DD'),
  expectedEvidence: v.expectedEvidence ?? '',
});

/** The fields of a work item, under a name prefix so meetings can hold a list of decisions. */
export function WorkItemFields({
  prefix = [],
  tasks,
  units,
}: {
  prefix?: (string | number)[];
  tasks: Option[];
  units: Option[];
}) {
  const n = (name: string) => [...prefix, name];
  const search = { showSearch: { optionFilterProp: 'label' } };
  return (
    <>
      <Form.Item name={n('title')} label="事项名称" rules={[{ required: true, message: '请填写事项名称' }]}>
        <Input />
      </Form.Item>
      <Form.Item name={n('taskId')} label="所属重点任务">
        <Select allowClear options={tasks} {...search} placeholder="可不选（如会议决定、领导批示）" />
      </Form.Item>
      <Form.Item name={n('leadUnitId')} label="牵头单位" rules={[{ required: true, message: '请选择牵头单位' }]}>
        <Select options={units} {...search} />
      </Form.Item>
      <Form.Item name={n('coUnitIds')} label="配合单位">
        <Select mode="multiple" options={units} {...search} />
      </Form.Item>
      <Form.Item name={n('year')} label="年度" rules={[{ required: true, message: '请填写年度' }]}>
        <InputNumber min={2000} max={2100} />
      </Form.Item>
      <Form.Item name={n('dueDate')} label="完成时限" rules={[{ required: true, message: '请选择完成时限' }]}>
        <DateInput style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name={n('expectedEvidence')} label="佐证材料要求">
        <Input />
      </Form.Item>
      <Form.Item name={n('description')} label="事项说明">
        <Input.TextArea rows={2} />
      </Form.Item>
    </>
  );
}
