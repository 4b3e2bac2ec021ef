import { useState } from 'react';
import { Button, Card, Checkbox, Form, Input, InputNumber, List, Select, Space, Tag, Typography, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { DUTY_KIND_LABELS, type Attachment, type Duty, type Submission } from '@innocity/shared/api/reporting';
import { formatDateZh } from '@innocity/shared/format';
import { DutyReadView } from './DutyReadView.tsx';

export type Payload = Record<string, unknown>;

interface Props {
  duty: Duty;
  payload: Payload;
  editable: boolean;
  errors: Record<string, string>;
  attachments: Attachment[];
  contributions: Submission['contributions'];
  onChange(next: Payload): void;
  onUpload(file: File): Promise<void>;
  onRemove(attachmentId: string): void;
}

const field = (errors: Record<string, string>, name: string) => ({
  validateStatus: errors[name] ? ('error' as const) : undefined,
  help: errors[name],
});

/** One duty's part of the form: progress, a figure, a ledger confirmation or a co-unit's part, with its evidence. */
export function DutyEntry({
  duty,
  payload,
  editable,
  errors,
  attachments,
  contributions,
  onChange,
  onUpload,
  onRemove,
}: Props) {
  const set = (k: string, v: unknown) => onChange({ ...payload, [k]: v });
  // A scan or a deck takes seconds to send on a town's connection: the button spins meanwhile.
  const [uploading, setUploading] = useState(false);
  const upload = async (file: File) => {
    setUploading(true);
    try {
      await onUpload(file);
    } finally {
      setUploading(false);
    }
  };
  const text = (payload.text as string | undefined) ?? '';
  return (
    <Card
      size="small"
      data-testid={`entry-${duty.kind}`}
      title={
        <span className="duty-title">
          <Tag color="red">{DUTY_KIND_LABELS[duty.kind]}</Tag>
          {duty.title}
        </span>
      }
    >
      {!editable && <DutyReadView duty={duty} payload={payload} contributions={contributions} />}
      {editable && (
        <Form layout="vertical">
          {duty.kind === 'progress' && (
            <>
              {duty.detail.task && (
                <Typography.Paragraph type="secondary">
                  {duty.detail.task}；完成时限 {duty.detail.dueDate ? formatDateZh(duty.detail.dueDate) : '—'}
                </Typography.Paragraph>
              )}
              <Form.Item label="本期进展情况" {...field(errors, 'text')}>
                <Input.TextArea
                  aria-label="本期进展情况"
                  rows={4}
                  value={text}
                  onChange={(e) => set('text', e.target.value)}
                  placeholder="写明本期做了什么、取得了什么成效、下一步安排"
                />
              </Form.Item>
              <Space wrap>
                <Form.Item label="完成进度（%）" {...field(errors, 'percent')}>
                  <InputNumber
                    aria-label="完成进度"
                    min={0}
                    max={100}
                    value={(payload.percent as number | undefined) ?? 0}
                    onChange={(v) => set('percent', v ?? 0)}
                  />
                </Form.Item>
                <Form.Item label=" ">
                  <Checkbox checked={payload.done === true} onChange={(e) => set('done', e.target.checked)}>
                    已全部完成
                  </Checkbox>
                </Form.Item>
              </Space>
              {duty.detail.evidence && (
                <Typography.Paragraph type="secondary">佐证材料要求：{duty.detail.evidence}</Typography.Paragraph>
              )}
              {contributions.map((c) => (
                <Typography.Paragraph key={c.unit.id} className="contribution">
                  <Tag>配合单位</Tag>
                  {c.unit.name}：{c.text}
                </Typography.Paragraph>
              ))}
            </>
          )}
          {duty.kind === 'data_element' && (
            <>
              <Typography.Paragraph type="secondary">
                统计期：{duty.detail.periodLabel}；计量单位：{duty.detail.measure}
              </Typography.Paragraph>
              <Space wrap align="start">
                <Form.Item label={`数值（${duty.detail.measure}）`} {...field(errors, 'value')}>
                  <Input
                    aria-label="数值"
                    inputMode="decimal"
                    value={(payload.value as string | null | undefined) ?? ''}
                    onChange={(e) => set('value', e.target.value.trim() || null)}
                    style={{ width: 160 }}
                  />
                </Form.Item>
                <Form.Item label="数据性质">
                  <Select
                    aria-label="数据性质"
                    value={(payload.quality as string | undefined) ?? 'statistical'}
                    onChange={(v) => set('quality', v)}
                    style={{ width: 120 }}
                    options={[
                      { value: 'statistical', label: '统计数' },
                      { value: 'estimated', label: '预估数' },
                    ]}
                  />
                </Form.Item>
              </Space>
              <Form.Item label="数据来源" {...field(errors, 'source')}>
                <Input
                  aria-label="数据来源"
                  value={(payload.source as string | undefined) ?? ''}
                  onChange={(e) => set('source', e.target.value)}
                  placeholder="如：统计月报、项目库"
                />
              </Form.Item>
              <Form.Item label="说明" {...field(errors, 'comment')}>
                <Input
                  aria-label="说明"
                  value={(payload.comment as string | undefined) ?? ''}
                  onChange={(e) => set('comment', e.target.value)}
                  placeholder="变化较大时请说明原因"
                />
              </Form.Item>
            </>
          )}
          {duty.kind === 'ledger' && (
            <>
              <Form.Item {...field(errors, 'confirmed')}>
                <Checkbox checked={payload.confirmed === true} onChange={(e) => set('confirmed', e.target.checked)}>
                  本单位{duty.title}已更新至本期
                </Checkbox>
              </Form.Item>
              <Form.Item label="说明" {...field(errors, 'note')}>
                <Input
                  aria-label="台账说明"
                  value={(payload.note as string | undefined) ?? ''}
                  onChange={(e) => set('note', e.target.value)}
                />
              </Form.Item>
            </>
          )}
          {duty.kind === 'contribution' && (
            <Form.Item label={`配合${duty.detail.leadUnit}的工作情况`} {...field(errors, 'text')}>
              <Input.TextArea
                aria-label="配合情况"
                rows={3}
                value={text}
                onChange={(e) => set('text', e.target.value)}
              />
            </Form.Item>
          )}
        </Form>
      )}
      {(duty.kind === 'progress' || attachments.length > 0) && (
        <List
          size="small"
          header={<span>佐证材料</span>}
          locale={{ emptyText: '暂无佐证材料' }}
          dataSource={attachments}
          renderItem={(a) => (
            <List.Item
              actions={
                editable
                  ? [
                      <Button key="del" type="link" danger size="small" onClick={() => onRemove(a.id)}>
                        删除
                      </Button>,
                    ]
                  : []
              }
            >
              <a href={`/api/attachments/${a.id}`}>
                <PaperClipOutlined /> {a.fileName}
              </a>
            </List.Item>
          )}
          footer={
            editable && (
              <Upload
                accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.doc,.docx,.xls,.xlsx,.ppt,.pptx"
                showUploadList={false}
                customRequest={({ file }) => void upload(file as File)}
                disabled={uploading}
              >
                <Button icon={<UploadOutlined />} loading={uploading} disabled={uploading}>
                  上传佐证材料
                </Button>
              </Upload>
            )
          }
        />
      )}
    </Card>
  );
}
