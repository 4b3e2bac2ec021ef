import { useState } from 'react';
import { Alert, App, Form, Modal } from 'antd';
import type { ApiError } from '../../api/client.ts';
import { api } from '../../api/client.ts';
import { toWorkItemInput, WorkItemFields, type WorkItemValues } from './WorkItemFields.tsx';

type Option = { value: string; label: string };

/** The office's dialog for a new work item: the board opens it empty, the plan page with a task filled in. */
export function NewWorkItemModal({
  open,
  planId,
  tasks,
  units,
  initialValues,
  onClose,
  onCreated,
}: {
  open: boolean;
  planId: string;
  tasks: Option[];
  units: Option[];
  initialValues: Partial<WorkItemValues>;
  onClose: () => void;
  onCreated: () => void;
}) {
  const { message } = App.useApp();
  const [problem, setProblem] = useState<string>();
  const [form] = Form.useForm<WorkItemValues>();

  const create = async (v: WorkItemValues) => {
    setProblem(undefined);
    try {
      await api('POST', '/api/work-items', { planId, ...toWorkItemInput(v) });
      message.success('已新建工作事项');
      form.resetFields();
      onCreated();
    } catch (err) {
      const e = err as ApiError;
      setProblem(e.message);
      form.setFields(
        e.issues.map((i) => ({ name: i.path.split('.')[0] as keyof WorkItemValues, errors: [i.message] })),
      );
    }
  };

  return (
    <Modal
      open={open}
      title="分解工作事项"
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      width={640}
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={create} initialValues={initialValues}>
        <WorkItemFields tasks={tasks} units={units} />
      </Form>
    </Modal>
  );
}
