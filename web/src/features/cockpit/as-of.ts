import { useSearchParams } from 'react-router';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The as-of date from the URL (?asOf=YYYY-MM-DD), so a chosen date survives reload and sharing; undefined means today. */
export function useAsOf(): [string | undefined, (date: string | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get('asOf');
  const asOf = raw && ISO_DATE.test(raw) ? raw : undefined;
  const set = (date: string | undefined) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (date) next.set('asOf', date);
      else next.delete('asOf');
      return next;
    });
  return [asOf, set];
}

/** "?asOf=…" to carry the date along a link, or "". */
export const asOfQuery = (asOf: string | undefined) => (asOf ? `?asOf=${asOf}` : '');
