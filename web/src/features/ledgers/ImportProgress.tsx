import { useEffect, useState } from 'react';
import { Modal, Progress, Typography } from 'antd';
import type { UploadProgress } from '../../api/client.ts';
import { formatNumber } from '@innocity/shared/format';

const MB = 1024 * 1024;
const size = (bytes: number) => (bytes >= MB ? `${formatNumber(bytes / MB, 1)} MB` : `${Math.ceil(bytes / 1024)} KB`);

/**
 * A ledger import under way: the bytes sent, then the server checking and writing every row, with
 * the seconds spent. Imports of 100,000 rows take tens of seconds; without this the page looks stuck.
 * The server answers once, at the end (all-or-nothing), so the second phase shows time, not rows.
 */
export function ImportProgress({ fileName, progress }: { fileName: string | null; progress: UploadProgress | null }) {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    if (!fileName) return;
    setSeconds(0);
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => clearInterval(timer);
  }, [fileName]);
  const uploading = !progress || progress.phase === 'upload';
  const percent =
    progress?.phase === 'upload' && progress.total > 0 ? Math.floor((progress.loaded / progress.total) * 100) : 0;
  return (
    <Modal
      open={fileName !== null}
      closable={false}
      mask={{ closable: false }}
      footer={null}
      title={`正在导入「${fileName ?? ''}」`}
    >
      <div role="status" aria-live="polite" data-testid="import-progress">
        <Typography.Paragraph>
          {uploading
            ? `第一步：上传文件${progress?.phase === 'upload' ? `（${size(progress.loaded)} / ${size(progress.total)}）` : ''}`
            : '第二步：文件已上传，服务器正在逐行校验并写入'}
        </Typography.Paragraph>
        {uploading ? (
          <Progress percent={percent} aria-label="上传进度" />
        ) : (
          <Progress percent={100} status="active" showInfo={false} aria-label="服务器处理中" />
        )}
        <Typography.Text type="secondary">
          已用 {seconds} 秒。数万行的表格可能需要几十秒，请勿关闭页面；有任何一行不合格则整表不导入。
        </Typography.Text>
      </div>
    </Modal>
  );
}
