import type { ElementSeries } from '@innocity/shared/indicators/compute';
import type { ValueLookup } from '@innocity/shared/indicators/validation';
import type { ElementValue } from '@innocity/shared/api/indicators';
import type { DataElementRecord, ValueVersion } from './data-element.repo.ts';

// Pure helpers over value versions: which version is in force, and the region's figure per period.

const key = (elementId: string, period: string, unitId: string) => `${elementId}|${period}|${unitId}`;

/** The version in force for each (element, period, unit): the highest among those given. */
export function currentVersions(versions: readonly ValueVersion[]): Map<string, ValueVersion> {
  const out = new Map<string, ValueVersion>();
  for (const v of versions) {
    const k = key(v.elementId, v.period, v.unitId);
    const seen = out.get(k);
    if (!seen || v.version > seen.version) out.set(k, v);
  }
  return out;
}

/** Each element's value per period for the whole region: the sum over the units that report it. */
export function regionSeries(
  elements: readonly DataElementRecord[],
  versions: readonly ValueVersion[],
): Map<string, ElementSeries> {
  const byId = new Map(
    elements.map((e) => [e.id, { code: e.code, name: e.name, unit: e.unit, values: new Map<string, number>() }]),
  );
  for (const v of currentVersions(versions).values()) {
    const s = byId.get(v.elementId);
    if (s) s.values.set(v.period, (s.values.get(v.period) ?? 0) + v.value);
  }
  return new Map([...byId.values()].map((s) => [s.code, s]));
}

/** A lookup for validation: stored current values overlaid with the batch being entered. */
export function valueLookup(
  elements: readonly DataElementRecord[],
  stored: readonly ValueVersion[],
  batch: readonly { elementId: string; period: string; unitId: string; value: number }[],
): ValueLookup {
  const idOf = new Map(elements.map((e) => [e.code, e.id]));
  const values = new Map<string, number>();
  for (const v of currentVersions(stored).values()) values.set(key(v.elementId, v.period, v.unitId), v.value);
  for (const b of batch) values.set(key(b.elementId, b.period, b.unitId), b.value);
  return (code, period, unitId) => {
    const id = idOf.get(code);
    if (id === undefined) return undefined;
    if (unitId !== undefined) return values.get(key(id, period, unitId));
    let total: number | undefined;
    for (const [k, v] of values) if (k.startsWith(`${id}|${period}|`)) total = (total ?? 0) + v;
    return total;
  };
}

/** The API shape of a version; `current` when no later version of the same key is among those known. */
export function toApiValue(v: ValueVersion, elementCode: string, current: boolean): ElementValue {
  return {
    id: v.id,
    elementId: v.elementId,
    elementCode,
    period: v.period,
    unit: { id: v.unitId, name: v.unitName },
    version: v.version,
    value: v.value,
    source: v.source,
    quality: v.quality,
    note: v.note,
    reportedBy: v.reportedByName === null ? null : { id: v.reportedById ?? '', name: v.reportedByName },
    recordedAt: v.recordedAt,
    current,
  };
}

/** Every version, each marked whether it is the one in force. */
export function withCurrentFlags(
  versions: readonly ValueVersion[],
  codeOf: (elementId: string) => string,
): ElementValue[] {
  const current = new Set([...currentVersions(versions).values()].map((v) => v.id));
  return versions.map((v) => toApiValue(v, codeOf(v.elementId), current.has(v.id)));
}
