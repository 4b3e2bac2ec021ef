import { Alert, Button, Descriptions, Modal, Table } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { FieldIssue } from '@innocity/shared/errors';
import type { LedgerImportResult } from '@innocity/shared/api/ledgers';
import { formatNumber } from '@innocity/shared/format';
import { namedPageItem } from '../../components/a11y.tsx';

export type ImportOutcome =
  | { ok: true; fileName: string; result: LedgerImportResult }
  | { ok: false; fileName: string; message: string; issues: FieldIssue[] };

/** Saves the refused rows the server sent (base64 .xlsx) as a file. */
function saveRefused(file: { fileName: string; base64: string }): void {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(
    new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
  );
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The outcome of an import: the counts written (and, importing only valid rows, the refused rows to
 * download), or every bad cell by row and column (and nothing written).
 */
export function ImportReport({ outcome, onClose }: { outcome: ImportOutcome | null; onClose(): void }) {
  return (
    <Modal
      open={outcome !== null}
      onCancel={onClose}
      onOk={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
      okText="知道了"
      width={760}
      title={outcome?.ok ? ((outcome.result.refused ?? 0) > 0 ? '部分导入完成' : '导入完成') : '导入未通过校验'}
    >
      {outcome?.ok && (
        <div data-testid="import-outcome">
          {(outcome.result.refused ?? 0) > 0 ? (
            <Alert
              type="warning"
              showIcon
              title={`「${outcome.fileName}」共 ${formatNumber(outcome.result.total)} 行：已导入有效的 ${formatNumber(
                outcome.result.total - (outcome.result.refused ?? 0),
              )} 行，${formatNumber(outcome.result.refused ?? 0)} 行有错误未导入。`}
              description="下载未导入的行（最后一列写明原因），改正后可直接再次导入。"
              action={
                outcome.result.refusedWorkbook ? (
                  <Button icon={<DownloadOutlined />} onClick={() => saveRefused(outcome.result.refusedWorkbook!)}>
                    下载未导入的行
                  </Button>
                ) : undefined
              }
              style={{ marginBottom: 12 }}
            />
          ) : (
            <Alert
              type="success"
              showIcon
              title={`「${outcome.fileName}」已导入，共 ${formatNumber(outcome.result.total)} 行。`}
              style={{ marginBottom: 12 }}
            />
          )}
          <Descriptions size="small" column={{ xs: 1, sm: outcome.result.refused !== undefined ? 4 : 3 }} bordered>
            <Descriptions.Item label="新增">{formatNumber(outcome.result.created)} 条</Descriptions.Item>
            <Descriptions.Item label="更新">{formatNumber(outcome.result.updated)} 条</Descriptions.Item>
            <Descriptions.Item label="未变化">{formatNumber(outcome.result.unchanged)} 条</Descriptions.Item>
            {outcome.result.refused !== undefined && (
              <Descriptions.Item label="未导入">{formatNumber(outcome.result.refused)} 条</Descriptions.Item>
            )}
          </Descriptions>
        </div>
      )}
      {outcome && !outcome.ok && (
        <div data-testid="import-errors">
          <Alert
            type="error"
            showIcon
            title={`「${outcome.fileName}」有错误，整个文件未导入，未写入任何数据。`}
            description={
              outcome.issues.length > 0
                ? `共 ${outcome.issues.length} 处问题，见下表。请修改文件后重新导入。`
                : outcome.message
            }
            style={{ marginBottom: 12 }}
          />
          {outcome.issues.length > 0 && (
            <Table
              size="small"
              rowKey={(_, i) => String(i)}
              dataSource={outcome.issues}
              pagination={
                outcome.issues.length > 10 ? { pageSize: 10, showSizeChanger: false, itemRender: namedPageItem } : false
              }
              scroll={{ x: 560, y: 360 }}
              columns={[
                {
                  title: '行',
                  dataIndex: 'row',
                  width: 70,
                  render: (r?: number) => (r === undefined ? '—' : `第 ${r} 行`),
                },
                {
                  title: '列',
                  key: 'column',
                  width: 160,
                  render: (_: unknown, i: FieldIssue) => [i.column, i.header].filter(Boolean).join(' ') || '—',
                },
                { title: '原因', dataIndex: 'message' },
              ]}
            />
          )}
        </div>
      )}
    </Modal>
  );
}
