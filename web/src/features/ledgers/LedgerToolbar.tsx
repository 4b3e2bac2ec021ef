import { lazy, Suspense, useState } from 'react';
import { Button, Checkbox, Select, Space, Tooltip, Upload } from 'antd';
import { DownloadOutlined, ExportOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { LedgerImportResult, LedgerTypeInfo } from '@innocity/shared/api/ledgers';
import { apiUploadWithProgress, ApiError, type UploadProgress } from '../../api/client.ts';
import { DownloadButton } from '../../components/DownloadButton.tsx';
import type { ImportOutcome } from './ImportReport.tsx';

// The import's progress and report dialogs download with the first import, not with the ledger.
const ImportReport = lazy(() => import('./ImportReport.tsx').then((m) => ({ default: m.ImportReport })));
const ImportProgress = lazy(() => import('./ImportProgress.tsx').then((m) => ({ default: m.ImportProgress })));

/**
 * Template, export, and for writers: new row and import (into one of the units they may write for),
 * all or nothing unless 只导入有效行 is ticked.
 */
export function LedgerToolbar(props: {
  planId: string;
  type: LedgerTypeInfo;
  writable: { id: string; name: string }[];
  onNew(): void;
  onImported(): void;
}) {
  const { planId, type, writable, onNew, onImported } = props;
  const base = `/api/plans/${encodeURIComponent(planId)}/ledgers/${type.code}`;
  const [unitId, setUnitId] = useState<string | undefined>(writable[0]?.id);
  const [busy, setBusy] = useState(false);
  const [validOnly, setValidOnly] = useState(false);
  const [importing, setImporting] = useState<string | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [imported, setImported] = useState(false);
  const importFile = async (file: File) => {
    setBusy(true);
    setImported(true);
    setImporting(file.name);
    setProgress(null);
    try {
      const query = new URLSearchParams();
      if (unitId) query.set('unitId', unitId);
      if (validOnly) query.set('mode', 'valid');
      const result = await apiUploadWithProgress<LedgerImportResult>(
        `${base}/import${query.size > 0 ? `?${query}` : ''}`,
        file,
        setProgress,
      );
      setOutcome({ ok: true, fileName: file.name, result });
      onImported();
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(0, 'internal', String(err));
      setOutcome({ ok: false, fileName: file.name, message: e.message, issues: e.issues });
    } finally {
      setBusy(false);
      setImporting(null);
    }
  };
  return (
    <Space wrap>
      {writable.length > 0 && (
        <Button type="primary" icon={<PlusOutlined />} onClick={onNew}>
          新增记录
        </Button>
      )}
      {writable.length > 0 && (
        <>
          {writable.length > 1 && (
            <Select
              aria-label="导入到单位"
              style={{ minWidth: 160 }}
              value={unitId}
              onChange={setUnitId}
              options={writable.map((u) => ({ value: u.id, label: u.name }))}
              showSearch
              optionFilterProp="label"
            />
          )}
          <Upload
            accept=".xlsx"
            showUploadList={false}
            beforeUpload={(file) => {
              void importFile(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={busy} disabled={busy}>
              导入 Excel
            </Button>
          </Upload>
          <Tooltip title="勾选后，有错误的行不导入，其余行照常导入，并可下载未导入的行（附原因）修改后再导入；不勾选时，文件有任何错误都不写入。">
            <Checkbox checked={validOnly} onChange={(e) => setValidOnly(e.target.checked)} disabled={busy}>
              只导入有效行
            </Checkbox>
          </Tooltip>
          <DownloadButton
            icon={<DownloadOutlined />}
            url={`${base}/template.xlsx`}
            fileName={`${type.name}导入模板.xlsx`}
          >
            下载模板
          </DownloadButton>
        </>
      )}
      <DownloadButton icon={<ExportOutlined />} url={`${base}/export.xlsx`} fileName={`${type.name}.xlsx`}>
        导出
      </DownloadButton>
      {imported && (
        <Suspense fallback={null}>
          <ImportProgress fileName={importing} progress={progress} />
          <ImportReport outcome={outcome} onClose={() => setOutcome(null)} />
        </Suspense>
      )}
    </Space>
  );
}
