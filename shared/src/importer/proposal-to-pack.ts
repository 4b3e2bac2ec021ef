import type { PlanPackInput } from '../plan-pack.ts';
import { PACK_FORMAT_VERSION } from '../plan-pack.ts';
import type { PlanProposal, ProposalIndicator, ProposalTask } from './proposal.ts';

type UnitInput = PlanPackInput['units'][number];
type GroupInput = NonNullable<PlanPackInput['unitGroups']>[number];

/** What a proposal does not know and the office supplies when it puts the plan in force. */
export interface ToPackOptions {
  code?: string;
  unitGroups?: GroupInput[];
  baselineYear?: number;
  issuer?: string;
  preamble?: string;
}

/**
 * Turns a reviewed proposal into a plan pack for the given unit tree. The result is the pack's input
 * shape, not yet validated: planPackSchema reports whatever the review left unresolved.
 */
export function proposalToPack(proposal: PlanProposal, units: UnitInput[], options: ToPackOptions = {}): PlanPackInput {
  const resolve = unitResolver(units);
  const p = proposal.plan;
  const issuingYear = p.issuingDate ? Number(p.issuingDate.slice(0, 4)) : null;
  const firstPhase = Math.min(...proposal.phases.map((ph) => ph.startYear ?? Infinity));
  return {
    format: 'innocity-plan-pack',
    formatVersion: PACK_FORMAT_VERSION,
    plan: {
      code: options.code ?? codeOf(p.documentNumber, issuingYear ?? p.targetYear ?? null),
      title: p.title ?? '',
      documentNumber: p.documentNumber ?? '',
      issuer: options.issuer ?? p.issuer ?? '',
      region: p.region ?? '',
      issuingDate: p.issuingDate ?? '',
      // The plan's base is the last full statistical year before it was issued.
      baselineYear: options.baselineYear ?? (issuingYear ?? (Number.isFinite(firstPhase) ? firstPhase : 0)) - 1,
      targetYear: p.targetYear ?? 0,
      preamble: options.preamble ?? '',
    },
    units,
    unitGroups: options.unitGroups ?? [],
    goals: proposal.goals.map(({ number, title, text }) => ({ number, title, text })),
    areas: proposal.areas.map((a) => ({
      number: a.number,
      title: a.title,
      tasks: proposal.tasks.filter((t) => t.areaNumber === a.number).map((t) => packTask(t, resolve)),
    })),
    indicators: indicatorsOf(proposal, resolve),
    phases: proposal.phases.map((ph) => ({
      ...pick(ph, 'number', 'name', 'text'),
      startYear: ph.startYear ?? 0,
      endYear: ph.endYear ?? 0,
    })),
    measures: proposal.measures.map(({ number, title, text }) => ({ number, title, text })),
  };
}

function packTask(t: ProposalTask, resolve: (name: string) => string): PlanPackInput['areas'][number]['tasks'][number] {
  return {
    number: t.number,
    title: t.title,
    text: t.text,
    leadUnit: resolve(t.leadUnit ?? ''),
    coUnits: t.coUnits.map(resolve),
    // The phrase goes to the pack as written; the pack schema derives the date again, so an edit
    // on the review screen that left a stale date behind cannot disagree with its phrase.
    dueDate: t.dueText ?? t.dueDate ?? null,
    dueText: null,
  };
}

/** Indicator codes follow what they belong to (g1-2: goal 1's second target; t8-1: task 8's first). */
function indicatorsOf(proposal: PlanProposal, resolve: (name: string) => string): PlanPackInput['indicators'] {
  const seen = new Map<string, number>();
  return proposal.indicators.map((ind: ProposalIndicator) => {
    const owner = ind.goal !== null ? `g${ind.goal}` : `t${ind.task ?? 0}`;
    const n = (seen.get(owner) ?? 0) + 1;
    seen.set(owner, n);
    const lead = ind.task !== null ? proposal.tasks.find((t) => t.number === ind.task)?.leadUnit : null;
    return {
      code: `${owner}-${n}`,
      ...pick(ind, 'name', 'comparator', 'value', 'min', 'max', 'unit', 'targetDate', 'goal', 'task'),
      sourceText: ind.sentence,
      ...(lead ? { reportingUnit: resolve(lead) } : {}),
    };
  });
}

/** Maps a name as the plan wrote it to the unit tree's own name, through names, full names and aliases. */
function unitResolver(units: UnitInput[]): (name: string) => string {
  const byName = new Map<string, string>();
  for (const u of units) {
    for (const n of [u.name, u.fullName, ...(u.aliases ?? [])]) if (n) byName.set(n, u.name);
  }
  return (name) => byName.get(name) ?? name;
}

/**
 * "句委办〔2022〕79号" → "plan-2022-79": codes are ASCII, document numbers are not; without a number,
 * the plan's year (plan-2025). The confirmation step adds a suffix when another plan has the code.
 */
function codeOf(documentNumber: string | null, year: number | null): string {
  const m = documentNumber ? /[〔[［(（](\d{4})[〕\]］)）]\s*(\d+)\s*号/.exec(documentNumber) : null;
  return m ? `plan-${m[1]}-${m[2]}` : year ? `plan-${year}` : 'plan';
}

function pick<T extends object, K extends keyof T>(obj: T, ...keys: K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) out[k] = obj[k];
  return out;
}
