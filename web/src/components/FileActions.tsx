import { useState, type ReactNode } from 'react';
import { App, Button } from 'antd';
import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { ApiError } from '../api/client.ts';
import { downloadFile } from '../features/admin/download.ts';

/** Downloads a generated Excel file; the button spins and stays disabled until the file has arrived. */
export function ExportButton({
  url,
  fallbackName,
  children = '导出 Excel',
}: {
  url: string;
  fallbackName: string;
  children?: ReactNode;
}) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      message.success(`已导出：${await downloadFile(url, fallbackName)}`);
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button className="no-print" icon={<FileExcelOutlined />} loading={busy} onClick={() => void run()}>
      {children}
    </Button>
  );
}

/** Opens the browser's print dialog; the print style sheet drops menus and buttons and fits A4. */
export function PrintButton() {
  return (
    <Button className="no-print" icon={<PrinterOutlined />} onClick={() => window.print()}>
      打印
    </Button>
  );
}
