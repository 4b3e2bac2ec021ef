// Test-only: a county's next plan (2026–2030) beside Jurong's, and another county's plan, as packs.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PlanPack } from '@innocity/shared/plan-pack';
import type { Db } from '../../db/connection.ts';
import { nowIso } from '../../time.ts';
import { DEFAULT_PACK, PACKS_DIR, loadPlanPack, parsePack } from './plan-pack.service.ts';

const jurong = () => JSON.parse(readFileSync(path.join(PACKS_DIR, DEFAULT_PACK), 'utf8')) as PlanPack;
const ctx = () => ({ actor: null, requestId: null, ip: null, now: nowIso() });

/**
 * Jurong's next plan: its own code and years, one unit group (各镇（街道）) and one ledger type
 * (孵化载体) of its own — so both clash with the old plan's — and the region's default wording.
 * Tasks that named the dropped groups name 市科技局 instead.
 */
export function nextPlanPack(over: { code?: string; region?: string[] } = {}): PlanPack {
  const p = jurong();
  const keep = p.unitGroups.slice(0, 1);
  const dropped = new Set(p.unitGroups.slice(1).map((g) => g.name));
  const swap = (n: string) => (dropped.has(n) ? '市科技局' : n);
  const regionPath = over.region ?? p.plan.regionPath!;
  return parsePack({
    ...p,
    plan: {
      ...p.plan,
      code: over.code ?? 'jurong-2026-30',
      title: `${regionPath.at(-1)}创新型示范市建设方案（2026—2030年）`,
      documentNumber: '句委办〔2026〕5号',
      issuingDate: '2026-03-01',
      baselineYear: 2025,
      targetYear: 2030,
      region: regionPath.at(-1)!,
      regionPath,
    },
    unitGroups: keep,
    areas: p.areas.map((a) => ({
      ...a,
      tasks: a.tasks.map((t) => ({ ...t, leadUnit: swap(t.leadUnit), coUnits: [...new Set(t.coUnits.map(swap))] })),
    })),
    // Targets counted from a ledger the new plan lacks are read without a definition until the ledger is carried.
    indicators: p.indicators.map((i) => ({
      ...i,
      targetDate: '2030-12-31',
      definition:
        i.definition && 'ledger' in i.definition && i.definition.ledger !== 'incubators' ? undefined : i.definition,
    })),
    ledgerTypes: p.ledgerTypes.filter((l) => l.code === 'incubators'),
    wording: undefined,
  });
}

export async function loadNextPlan(db: Db, over: { code?: string; region?: string[] } = {}): Promise<string> {
  return (await loadPlanPack(db, nextPlanPack(over), ctx())).planId;
}
