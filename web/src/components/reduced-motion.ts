import { useSyncExternalStore } from 'react';

// The user's "reduce motion" setting of the system or browser (WCAG 2.3.3): dialogs, drawers,
// menus and charts then appear at once instead of zooming, sliding or growing in.
const QUERY = '(prefers-reduced-motion: reduce)';

let list: MediaQueryList | undefined;
/** The query's list, made once: React reads the snapshot on every render of every chart. */
const media = () =>
  (list ??= typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(QUERY) : undefined);

function subscribe(onChange: () => void) {
  media()?.addEventListener('change', onChange);
  return () => media()?.removeEventListener('change', onChange);
}

/** True while the user asks for reduced motion; follows the setting when it changes. */
export function useReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, () => media()?.matches ?? false);
}
