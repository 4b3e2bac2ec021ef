import { lazy, Suspense } from 'react';
import { Drawer } from 'antd';
import { PageLoading } from '../../components/PageLoading.tsx';

// The guides of every screen (with the round cut-offs) are read now and then, from every page's
// header: they download when the drawer is first opened, not with each page.
const HelpBody = lazy(() => import('./HelpBody.tsx'));

/** The 帮助 drawer of every page. */
export function HelpDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Drawer open={open} onClose={onClose} title="帮助" size={380} destroyOnHidden>
      {open && (
        <Suspense fallback={<PageLoading />}>
          <HelpBody onClose={onClose} />
        </Suspense>
      )}
    </Drawer>
  );
}
