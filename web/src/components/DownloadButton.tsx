import { useState } from 'react';
import { App, Button, type ButtonProps } from 'antd';
import type { ApiError } from '../api/client.ts';
import { downloadFile } from '../features/admin/download.ts';

type Props = Omit<ButtonProps, 'onClick' | 'href' | 'loading'> & {
  /** The GET that returns the file; none: the button is disabled. */
  url: string | undefined;
  /** The name used when the server gives none. */
  fileName: string;
};

/**
 * A button that downloads a generated file (Word, PDF, Excel): it spins and is disabled until the
 * file has arrived, because rendering can take seconds and a plain link shows nothing meanwhile
 * (people click again, or think it failed). The server's Chinese error is shown when it refuses.
 */
export function DownloadButton({ url, fileName, disabled, children, ...button }: Props) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    if (!url || busy) return;
    setBusy(true);
    try {
      await downloadFile(url, fileName);
    } catch (err) {
      message.error((err as ApiError).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button {...button} loading={busy} disabled={disabled || !url || busy} aria-busy={busy} onClick={() => void run()}>
      {children}
    </Button>
  );
}
