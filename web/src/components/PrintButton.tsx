import { Button } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';

/** Opens the browser's print dialog; the print style sheet drops menus and buttons and fits A4. */
export function PrintButton() {
  return (
    <Button className="no-print" icon={<PrinterOutlined />} onClick={() => window.print()}>
      打印
    </Button>
  );
}
