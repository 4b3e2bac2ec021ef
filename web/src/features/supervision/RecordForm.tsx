import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Select } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { INSPECTION_KIND_LABELS, MEETING_KIND_LABELS } from '@innocity/shared/api/supervision';
import type { ApiError } from '../../api/client.ts';
import { api } from '../../api/client.ts';
import { toWorkItemInput, WorkItemFields, type WorkItemValues } from './WorkItemFields.tsx';
import { DateInput } from '../../components/DateInput.tsx';

export type RecordKind = 'meetings' | 'inspections' | 'instructions';
type Option = { value: string; label: string };

interface Values extends Partial<WorkItemValues> {
  kind?: string;
  title?: string;
  heldOn?: Dayjs;
  attendees?: string;
  minutes?: string;
  organizer?: string;
  summary?: string;
  text?: string;
  decisions?: WorkItemValues[];
  findings?: { title: string; requirement?: string; unitId: string; deadline: Dayjs }[];
}

function toBody(kind: RecordKind, planId: string, v: Values) {
  if (kind === 'instructions') return { planId, text: v.text, ...toWorkItemInput(v as WorkItemValues) };
  const base = { planId, kind: v.kind, title: v.title, heldOn: v.heldOn?.format('YYYY-MM-DD') };
  if (kind === 'meetings')
    return {
      ...base,
      attendees: (v.attendees ?? '').split(/[、,，\s]+/).filter(Boolean),
      minutes: v.minutes ?? '',
      decisions: (v.decisions ?? []).map(toWorkItemInput),
    };
  return {
    ...base,
    organizer: v.organizer ?? '',
    summary: v.summary ?? '',
    findings: (v.findings ?? []).map((f) => ({ ...f, deadline: f.deadline.format('YYYY-MM-DD') })),
  };
}

/** The form for a meeting (with decisions), an inspection (with findings) or a leader's instruction. */
export function RecordForm({
  kind,
  planId,
  tasks,
  units,
  onClose,
  onSaved,
}: {
  kind: RecordKind;
  planId: string;
  tasks: Option[];
  units: Option[];
  onClose(): void;
  onSaved(): void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const [problem, setProblem] = useState<string>();
  const titles: Record<RecordKind, string> = {
    meetings: '记录会议',
    inspections: '记录督查检查',
    instructions: '领导批示',
  };
  const save = async (v: Values) => {
    try {
      await api('POST', `/api/${kind}`, toBody(kind, planId, v));
      message.success('已保存');
      onSaved();
      onClose();
    } catch (err) {
      setProblem((err as ApiError).message);
    }
  };
  const yearEnd = { year: dayjs().year(), dueDate: dayjs().endOf('year') };
  return (
    <Modal
      open
      title={titles[kind]}
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      width={680}
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={
          kind === 'instructions' ? yearEnd : { heldOn: dayjs(), kind: kind === 'meetings' ? 'joint' : 'inspection' }
        }
      >
        {kind === 'instructions' ? (
          <>
            <Form.Item name="text" label="批示内容" rules={[{ required: true, message: '请填写批示内容' }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <WorkItemFields tasks={tasks} units={units} />
          </>
        ) : (
          <>
            <Form.Item name="kind" label="类型">
              <Select
                options={Object.entries(kind === 'meetings' ? MEETING_KIND_LABELS : INSPECTION_KIND_LABELS).map(
                  ([value, label]) => ({ value, label }),
                )}
              />
            </Form.Item>
            <Form.Item name="title" label="名称" rules={[{ required: true, message: '请填写名称' }]}>
              <Input />
            </Form.Item>
            <Form.Item name="heldOn" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
              <DateInput style={{ width: '100%' }} />
            </Form.Item>
            {kind === 'meetings' ? (
              <>
                <Form.Item name="attendees" label="参会人员" extra="用顿号或逗号分隔">
                  <Input />
                </Form.Item>
                <Form.Item name="minutes" label="会议纪要">
                  <Input.TextArea rows={3} />
                </Form.Item>
                <Form.List name="decisions">
                  {(fields, { add, remove }) => (
                    <>
                      {fields.map((f, i) => (
                        <Card
                          key={f.key}
                          size="small"
                          title={`议定事项 ${i + 1}`}
                          extra={<MinusCircleOutlined aria-label="删除" onClick={() => remove(f.name)} />}
                          style={{ marginBottom: 8 }}
                        >
                          <WorkItemFields prefix={[f.name]} tasks={tasks} units={units} />
                        </Card>
                      ))}
                      <Button icon={<PlusOutlined />} onClick={() => add(yearEnd)}>
                        添加议定事项
                      </Button>
                    </>
                  )}
                </Form.List>
              </>
            ) : (
              <>
                <Form.Item name="organizer" label="组织单位">
                  <Input />
                </Form.Item>
                <Form.Item name="summary" label="检查情况">
                  <Input.TextArea rows={3} />
                </Form.Item>
                <Form.List name="findings">
                  {(fields, { add, remove }) => (
                    <>
                      {fields.map((f, i) => (
                        <Card
                          key={f.key}
                          size="small"
                          title={`问题 ${i + 1}`}
                          extra={<MinusCircleOutlined aria-label="删除" onClick={() => remove(f.name)} />}
                          style={{ marginBottom: 8 }}
                        >
                          <Form.Item
                            name={[f.name, 'title']}
                            label="发现的问题"
                            rules={[{ required: true, message: '请填写问题' }]}
                          >
                            <Input />
                          </Form.Item>
                          <Form.Item name={[f.name, 'requirement']} label="整改要求">
                            <Input />
                          </Form.Item>
                          <Form.Item
                            name={[f.name, 'unitId']}
                            label="整改单位"
                            rules={[{ required: true, message: '请选择整改单位' }]}
                          >
                            <Select showSearch={{ optionFilterProp: 'label' }} options={units} />
                          </Form.Item>
                          <Form.Item
                            name={[f.name, 'deadline']}
                            label="整改时限"
                            rules={[{ required: true, message: '请选择整改时限' }]}
                          >
                            <DateInput style={{ width: '100%' }} />
                          </Form.Item>
                        </Card>
                      ))}
                      <Button icon={<PlusOutlined />} onClick={() => add({ deadline: dayjs().add(30, 'day') })}>
                        添加问题
                      </Button>
                    </>
                  )}
                </Form.List>
              </>
            )}
          </>
        )}
      </Form>
    </Modal>
  );
}
