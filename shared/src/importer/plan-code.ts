/**
 * A plan code nobody has to type: the code proposed from the document (plan-2022-79), or, when
 * another plan already has it, the same with the first free suffix (plan-2022-79-2, -3 …). Codes
 * are ASCII and at most 64 characters, as the import settings require.
 */
export function freePlanCode(proposed: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const base =
    proposed
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'plan';
  if (!used.has(base)) return base;
  for (let n = 2; ; n += 1) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}
