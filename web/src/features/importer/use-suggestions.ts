import { useEffect, useRef, useState } from 'react';
import type { UnitSuggestion } from '@innocity/shared/api/plan-imports';
import { api } from '../../api/client.ts';

// Names per request: the query string stays well under the server's header limit.
const CHUNK = 20;

/**
 * Suggestions for the unit names the plan uses: the draft's own names in one request, names that
 * the office types in later a few at a time.
 */
export function useSuggestions(draftId: string, names: string[]): Record<string, UnitSuggestion> {
  const [known, setKnown] = useState<Record<string, UnitSuggestion>>({});
  const asked = useRef(new Set<string>());
  const first = useRef(true);
  const key = names.join('\n');

  useEffect(() => {
    const missing = names.filter((n) => !asked.current.has(n));
    if (missing.length === 0) return;
    missing.forEach((n) => asked.current.add(n));
    const urls = first.current
      ? [`/api/plan-imports/${encodeURIComponent(draftId)}/unit-suggestions`]
      : chunks(missing).map(
          (c) =>
            `/api/plan-imports/${encodeURIComponent(draftId)}/unit-suggestions?${c.map((n) => `name=${encodeURIComponent(n)}`).join('&')}`,
        );
    first.current = false;
    for (const url of urls) {
      api<{ items: UnitSuggestion[] }>('GET', url).then(
        (res) => setKnown((k) => ({ ...k, ...Object.fromEntries(res.items.map((s) => [s.name, s])) })),
        // Suggestions only help: without them the office maps by hand.
        () => undefined,
      );
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draftId, key]);
  return known;
}

function chunks(names: string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < names.length; i += CHUNK) out.push(names.slice(i, i + CHUNK));
  return out;
}
