import { Space } from 'antd';
import { FileExcelOutlined, FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import type { FileKind } from '@innocity/shared/api/bulletins';
import { DownloadButton } from '../../components/DownloadButton.tsx';

const FILES: { kind: FileKind; label: string; icon: React.ReactNode }[] = [
  { kind: 'docx', label: 'Word', icon: <FileWordOutlined /> },
  { kind: 'xlsx', label: 'Excel 附件', icon: <FileExcelOutlined /> },
  { kind: 'pdf', label: 'PDF', icon: <FilePdfOutlined /> },
];

/** Download buttons for a bulletin's Word file, Excel annexes and PDF (the server's Chinese error when one cannot be made). */
export function FileButtons({ bulletinId, size = 'middle' }: { bulletinId: string; size?: 'small' | 'middle' }) {
  return (
    <Space wrap size={4}>
      {FILES.map((f) => (
        <DownloadButton
          key={f.kind}
          size={size}
          icon={f.icon}
          url={`/api/bulletins/${bulletinId}/files/${f.kind}`}
          fileName={`bulletin.${f.kind}`}
        >
          {f.label}
        </DownloadButton>
      ))}
    </Space>
  );
}
