import type { z } from 'zod';
import {
  contributionPayloadSchema,
  dataElementPayloadSchema,
  ledgerPayloadSchema,
  progressPayloadSchema,
  type DutyKind,
  type EntryPayload,
} from '@innocity/shared/api/reporting';

/** The schema of an entry's payload for each kind of duty. */
export const PAYLOAD_SCHEMAS: Record<DutyKind, z.ZodType<EntryPayload>> = {
  progress: progressPayloadSchema,
  data_element: dataElementPayloadSchema,
  ledger: ledgerPayloadSchema,
  contribution: contributionPayloadSchema,
};

/** Whether an entry counts as filled for completeness: text written, a value given, a ledger confirmed. */
export function isFilled(kind: DutyKind, payload: EntryPayload): boolean {
  const p = payload as Record<string, unknown>;
  if (kind === 'data_element') return p.value !== null && p.value !== undefined && p.value !== '';
  if (kind === 'ledger') return p.confirmed === true;
  return typeof p.text === 'string' && p.text.trim().length > 0;
}
