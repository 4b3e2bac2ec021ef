import { App, Button, Space } from 'antd';
import { FileExcelOutlined, FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import type { FileKind } from '@innocity/shared/api/bulletins';
import type { ApiError } from '../../api/client.ts';
import { downloadFile } from '../admin/download.ts';

const FILES: { kind: FileKind; label: string; icon: React.ReactNode }[] = [
  { kind: 'docx', label: 'Word', icon: <FileWordOutlined /> },
  { kind: 'xlsx', label: 'Excel 附件', icon: <FileExcelOutlined /> },
  { kind: 'pdf', label: 'PDF', icon: <FilePdfOutlined /> },
];

/** Download buttons for a bulletin's Word file, Excel annexes and PDF (the server's Chinese error when one cannot be made). */
export function FileButtons({ bulletinId, size = 'middle' }: { bulletinId: string; size?: 'small' | 'middle' }) {
  const { message } = App.useApp();
  const get = async (kind: FileKind) => {
    try {
      await downloadFile(`/api/bulletins/${bulletinId}/files/${kind}`, `bulletin.${kind}`);
    } catch (err) {
      message.error((err as ApiError).message);
    }
  };
  return (
    <Space wrap size={4}>
      {FILES.map((f) => (
        <Button key={f.kind} size={size} icon={f.icon} onClick={() => get(f.kind)}>
          {f.label}
        </Button>
      ))}
    </Space>
  );
}
