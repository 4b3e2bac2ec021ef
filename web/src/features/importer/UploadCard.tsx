import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, Button, Card, Collapse, Input, Spin, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import type { PlanImportDraft } from '@innocity/shared/api/plan-imports';
import { PLAN_IMPORT_EXTENSIONS } from '@innocity/shared/api/plan-imports';
import { api, apiUpload, ApiError } from '../../api/client.ts';

/** Upload a plan document, or paste its text; either opens the review of the new draft. */
export function UploadCard() {
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState('');

  const read = async (send: () => Promise<PlanImportDraft>) => {
    setBusy(true);
    setError(null);
    try {
      const draft = await send();
      navigate(`/plan-imports/${draft.id}`);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '上传失败，请重试');
      setBusy(false);
    }
  };
  const paste = (
    <>
      <Input.TextArea
        aria-label="方案全文"
        rows={8}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="把方案全文粘贴到这里"
      />
      <Button
        type="primary"
        className="paste-button"
        disabled={!text.trim() || busy}
        onClick={() => read(() => api<PlanImportDraft>('POST', '/api/plan-imports', { text }))}
      >
        识别文本
      </Button>
    </>
  );

  return (
    <Card size="small" title="上传方案文档">
      <Spin spinning={busy} tip="正在识别方案结构…">
        <Upload.Dragger
          accept={PLAN_IMPORT_EXTENSIONS.join(',')}
          multiple={false}
          showUploadList={false}
          disabled={busy}
          beforeUpload={(file) => {
            void read(() => apiUpload<PlanImportDraft>('/api/plan-imports', file));
            // The upload is ours; antd's own request never starts.
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">点击或拖入方案文件</p>
          <p className="ant-upload-hint">
            支持 Word（.docx、.doc）、WPS（.wps）、带文字的 PDF、Markdown（.md）和纯文本（.txt），10 MB
            以内。识别结果需经核对、确认后方案才生效。
          </p>
        </Upload.Dragger>
      </Spin>
      {error && <Alert type="error" showIcon className="upload-error" title={error} />}
      <Collapse ghost className="paste-text" items={[{ key: 'paste', label: '或粘贴方案全文', children: paste }]} />
    </Card>
  );
}
