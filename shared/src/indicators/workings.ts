import { z } from 'zod';

/** One named input of a computation, already worded for display ("实际值": "152 家"). */
export const workingInputSchema = z.object({ label: z.string(), value: z.string() });
export type WorkingInput = z.infer<typeof workingInputSchema>;

/**
 * How a value and its status were reached, for the UI to show as is: the inputs, how the
 * value was computed, the status formula with numbers ("实际值 ÷ 序时目标 = 152 ÷ 148.3 = 102.5%"),
 * and the result in words.
 */
export const workingsSchema = z.object({
  inputs: z.array(workingInputSchema),
  valueFormula: z.string().nullable(),
  formula: z.string(),
  result: z.string(),
});
export type Workings = z.infer<typeof workingsSchema>;

/** A value of an indicator at a date: the period it describes and the day it stands for. */
export const seriesPointSchema = z.object({ period: z.string(), date: z.string(), value: z.number() });
export type SeriesPoint = z.infer<typeof seriesPointSchema>;

/** A series point with how its value was computed. */
export interface ComputedPoint extends SeriesPoint {
  inputs: WorkingInput[];
  formula: string | null;
}
