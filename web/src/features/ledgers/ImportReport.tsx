import { Alert, Descriptions, Modal, Table } from 'antd';
import type { FieldIssue } from '@innocity/shared/errors';
import type { LedgerImportResult } from '@innocity/shared/api/ledgers';
import { formatNumber } from '@innocity/shared/format';
import { namedPageItem } from '../../components/a11y.tsx';

export type ImportOutcome =
  | { ok: true; fileName: string; result: LedgerImportResult }
  | { ok: false; fileName: string; message: string; issues: FieldIssue[] };

/** The outcome of an import: the counts written, or every bad cell by row and column (and nothing written). */
export function ImportReport({ outcome, onClose }: { outcome: ImportOutcome | null; onClose(): void }) {
  return (
    <Modal
      open={outcome !== null}
      onCancel={onClose}
      onOk={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
      okText="知道了"
      width={760}
      title={outcome?.ok ? '导入完成' : '导入未通过校验'}
    >
      {outcome?.ok && (
        <>
          <Alert
            type="success"
            showIcon
            title={`「${outcome.fileName}」已导入，共 ${formatNumber(outcome.result.total)} 行。`}
            style={{ marginBottom: 12 }}
          />
          <Descriptions size="small" column={{ xs: 1, sm: 3 }} bordered>
            <Descriptions.Item label="新增">{formatNumber(outcome.result.created)} 条</Descriptions.Item>
            <Descriptions.Item label="更新">{formatNumber(outcome.result.updated)} 条</Descriptions.Item>
            <Descriptions.Item label="未变化">{formatNumber(outcome.result.unchanged)} 条</Descriptions.Item>
          </Descriptions>
        </>
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
