/** An IntOrString as the API server accepts it for maxSurge/maxUnavailable: a non-negative integer, or digits and `%`. */
export interface IntOrPercent {
  percent: boolean;
  value: number;
}

export function intOrPercent(raw: unknown): IntOrPercent | undefined {
  if (typeof raw === 'number') return Number.isInteger(raw) && raw >= 0 ? { percent: false, value: raw } : undefined;
  // A quoted integer ("2") is neither: the API server rejects it, so there is nothing to compute.
  const match = typeof raw === 'string' ? /^([0-9]+)%$/.exec(raw) : null;
  return match ? { percent: true, value: Number(match[1]) } : undefined;
}

/** Same arithmetic, in the same order, as the Deployment controller's scaling of a percentage. */
export function podsOf(amount: IntOrPercent, replicas: number, roundUp: boolean): number {
  if (!amount.percent) return amount.value;
  const exact = (amount.value * replicas) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** `0`, `"0"` and `0%`: the forms the API server's validation reads as zero. */
export function isLiteralZero(raw: unknown): boolean {
  return raw === 0 || (typeof raw === 'string' && /^0+%?$/.test(raw));
}
