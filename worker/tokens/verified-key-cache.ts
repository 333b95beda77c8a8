/** Placeholder until the gate's cache lands: admin changes evict a token's entries here. */
export function evictToken(_id: number): void {}
