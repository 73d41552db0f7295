// The demo generator's randomness: a seeded PRNG (mulberry32), never Math.random or crypto, so the
// same seed gives the same catalog byte for byte. Shared by catalog-generator.ts and the modules
// that generate the issue 13 terms (carriers, state approvals, FIA strategies, index history).

export type Random = () => number;

/** mulberry32: small, fast, good enough for test data; returns uint32. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

export class Dice {
  constructor(private readonly next: Random) {}

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + (this.next() % (max - min + 1));
  }

  /** True with probability percent/100. */
  chance(percent: number): boolean {
    return this.next() % 100 < percent;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.next() % items.length];
    if (item === undefined) throw new RangeError('cannot pick from an empty list');
    return item;
  }

  /** A version-4-format UUID built from four PRNG draws. */
  uuid(): string {
    const hex = (this.next().toString(16).padStart(8, '0') +
      this.next().toString(16).padStart(8, '0') +
      this.next().toString(16).padStart(8, '0') +
      this.next().toString(16).padStart(8, '0'));
    const variant = '89ab'.charAt(Number.parseInt(hex.charAt(16), 16) & 3);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}

/** A Dice on its own stream: `salt` keeps streams added later from shifting the draws of older ones. */
export function diceFor(seed: number, salt: number): Dice {
  return new Dice(mulberry32((seed ^ salt) >>> 0));
}
