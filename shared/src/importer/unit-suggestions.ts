import type { UnitCandidate, UnitMapping, UnitSuggestion } from '../api/plan-imports.ts';
import type { UnitKind } from '../plan-pack.ts';

/** A unit of the tree as the suggestions need it. */
export interface TreeUnit {
  id: string;
  name: string;
  fullName: string | null;
  aliases: string[];
  kind: UnitKind;
  parentId: string | null;
  disabled: boolean;
}

const SCORES = { exact: 1, alias: 0.98, fullName: 0.97, prefix: 0.9, abbreviation: 0.8 } as const;
const SIMILAR_MIN = 0.5;
const MAX_CANDIDATES = 5;

/** Suggestions for each name: existing units best first, a group for 各…, and what to create otherwise. */
export function suggestUnits(names: string[], units: TreeUnit[], region?: string | null): UnitSuggestion[] {
  const live = units.filter((u) => !u.disabled);
  const regions = regionPrefixes(live, region);
  return names.map((name) => {
    const kind = guessUnitKind(name);
    return {
      name,
      candidates: rankCandidates(name, live, regions),
      group: suggestGroup(name, live),
      create: { kind, parentId: suggestParent(kind, live) },
    };
  });
}

/**
 * The mapping the review preselects: a sure candidate (anything but a merely similar name), else the
 * group, else a unit to create. A similar name stays a suggestion for the office to pick.
 */
export function preselectMapping(s: UnitSuggestion): UnitMapping {
  const sure = s.candidates.find((c) => c.reason !== 'similar');
  if (sure) return { name: s.name, action: 'existing', unitId: sure.unitId };
  if (s.group) return { name: s.name, action: 'group', mode: s.group.mode, memberIds: s.group.memberIds };
  return { name: s.name, action: 'create', kind: s.create.kind, parentId: s.create.parentId };
}

/** Existing units that may be the one the plan names, best first. */
export function rankCandidates(name: string, units: TreeUnit[], regions: string[] = []): UnitCandidate[] {
  const out: UnitCandidate[] = [];
  for (const u of units) {
    const match = matchUnit(name, u, regions);
    if (match) out.push({ unitId: u.id, name: u.name, ...match });
  }
  return out.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'zh')).slice(0, MAX_CANDIDATES);
}

/** How well a plan's name fits one unit: the strongest reason that applies, or null. */
export function matchUnit(
  name: string,
  u: Pick<TreeUnit, 'name' | 'fullName' | 'aliases'>,
  regions: string[] = [],
): Pick<UnitCandidate, 'reason' | 'score'> | null {
  if (name === u.name) return { reason: 'exact', score: SCORES.exact };
  if (u.aliases.includes(name)) return { reason: 'alias', score: SCORES.alias };
  if (u.fullName === name) return { reason: 'fullName', score: SCORES.fullName };
  const mine = variants(name, regions);
  const theirs = [u.name, ...(u.fullName ? [u.fullName] : []), ...u.aliases].flatMap((n) => variants(n, regions));
  if (mine.some((v) => v.length >= 2 && theirs.includes(v))) return { reason: 'prefix', score: SCORES.prefix };
  if (mine.some((a) => theirs.some((b) => isAbbreviation(a, b) || isAbbreviation(b, a)))) {
    return { reason: 'abbreviation', score: SCORES.abbreviation };
  }
  const dice = similarity(name, [u.name, ...(u.fullName ? [u.fullName] : []), ...u.aliases], regions);
  if (dice > SIMILAR_MIN) return { reason: 'similar', score: Math.round((0.4 + dice * 0.35) * 100) / 100 };
  return null;
}

/**
 * How alike two names read, 0 to 1: bigrams compared without the 局/委/办 ending that every
 * department shares (税务局 is not 商务局), and like with like: with the level (市…) on both sides, or off both.
 */
function similarity(name: string, names: string[], regions: string[]): number {
  const stem = (n: string) => n.replace(/(?:[局委办处室院所站部会]|中心)$/, '');
  const forms = (n: string) => {
    const region = regions.find((r) => n.startsWith(r) && n.length > r.length);
    const kept = region ? n.slice(region.length) : n;
    return [stem(kept), stem(kept.replace(/^(?:中共)?[市县区]/, ''))];
  };
  const [localA = '', bareA = ''] = forms(name);
  return Math.max(
    0,
    ...names.map(forms).map(([l = '', b = '']) => Math.max(bigramDice(localA, l), bigramDice(bareA, b))),
  );
}

/**
 * Spellings of a name with its region (句容市, 句容) and its level (市, 县, 区) taken off, so that
 * 县科技局, 市科技局 and 句容市科技局 meet. The name itself comes first, the barest form last.
 */
export function variants(name: string, regions: string[] = []): string[] {
  const out = [name];
  const region = regions.find((r) => name.startsWith(r) && name.length > r.length);
  const local = region ? name.slice(region.length) : name;
  if (local !== name) out.push(local);
  const bare = local.replace(/^(?:中共)?[市县区]/, '');
  if (bare !== local && bare.length > 0) out.push(bare);
  // Abbreviations end as the short form of the full name's ending does: 委员会 → 委, 办公室 → 办.
  const shortEnd = (s: string) =>
    s
      .replace(/委员会$/, '委')
      .replace(/办公室$/, '办')
      .replace(/人民政府$/, '政府');
  return [...new Set([...out, ...out.map(shortEnd)])];
}

/**
 * True when `short` reads as the usual abbreviation of `long`: same first and last character, and
 * every character of it in `long` in order (科技局 ← 科学技术局, 发改委 ← 发展和改革委员会).
 */
export function isAbbreviation(short: string, long: string): boolean {
  if (short.length < 3 || short.length >= long.length) return false;
  if (short[0] !== long[0] || short[short.length - 1] !== long[long.length - 1]) return false;
  let at = 0;
  for (const ch of short) {
    at = long.indexOf(ch, at);
    if (at === -1) return false;
    at++;
  }
  return true;
}

/** Dice coefficient over character pairs: 1 for the same text, 0 when no pair is shared. */
export function bigramDice(a: string, b: string): number {
  const pairs = (s: string) => Array.from({ length: Math.max(0, s.length - 1) }, (_, i) => s.slice(i, i + 2));
  const pa = pairs(a);
  const pb = pairs(b);
  if (pa.length === 0 || pb.length === 0) return 0;
  const pool = [...pb];
  let shared = 0;
  for (const p of pa) {
    const i = pool.indexOf(p);
    if (i !== -1) {
      shared++;
      pool.splice(i, 1);
    }
  }
  return (2 * shared) / (pa.length + pb.length);
}

/** Region names to take off the front of unit names: the tree's region units and the plan's region, with and without 市/县/区. */
export function regionPrefixes(units: TreeUnit[], region?: string | null): string[] {
  const names = [...units.filter((u) => u.kind === 'region').map((u) => u.name), ...(region ? [region] : [])];
  const stems = names.map((n) => n.replace(/[市县区]$/, '')).filter((s) => s.length >= 2);
  return [...new Set([...names, ...stems])].sort((a, b) => b.length - a.length);
}

const GROUP_KINDS: [RegExp, UnitKind[]][] = [
  [/镇|乡/, ['town']],
  [/街道/, ['street']],
  [/园区|开发区|高新区/, ['park']],
  [/风景区|景区/, ['scenic']],
  [/部门/, ['department']],
];

/**
 * A group for names like 各镇（街道） (every town and street, always) and 各相关镇（街道、园区）
 * (candidates the office designates per task; township-level scenic areas count among towns there).
 */
export function suggestGroup(name: string, units: TreeUnit[]): UnitSuggestion['group'] {
  if (!name.startsWith('各')) return null;
  const designated = /^各(?:相关|有关)/.test(name);
  const kinds = new Set(GROUP_KINDS.filter(([re]) => re.test(name)).flatMap(([, k]) => k));
  if (designated && kinds.has('town')) kinds.add('scenic');
  const members = units.filter((u) => kinds.has(u.kind)).map((u) => u.id);
  return members.length > 0 ? { mode: designated ? 'designated' : 'all', memberIds: members } : null;
}

/** The kind a new unit of this name most likely is. */
export function guessUnitKind(name: string): UnitKind {
  if (/街道(?:办事处)?$/.test(name)) return 'street';
  if (/(?:镇|乡)(?:人民政府)?$/.test(name)) return 'town';
  if (/(?:园区|开发区|高新区)$/.test(name)) return 'park';
  if (/(?:风景区|管委会)$/.test(name)) return 'scenic';
  if (/^(?:中共)?[^局委办]{0,6}[市县区]委$/.test(name)) return 'committee';
  if (/[市县区](?:人民)?政府$/.test(name)) return 'government';
  return 'department';
}

/** Where a new unit of the kind usually hangs: departments under the government, the rest under the region. */
export function suggestParent(kind: UnitKind, units: TreeUnit[]): string | null {
  const region =
    units.find((u) => u.kind === 'region' && u.parentId === null) ?? units.find((u) => u.kind === 'region');
  if (kind === 'department') return (units.find((u) => u.kind === 'government') ?? region)?.id ?? null;
  if (kind === 'region') return null;
  return region?.id ?? null;
}
