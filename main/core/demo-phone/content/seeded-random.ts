// Deterministic randomness. Content is derived from (seed, item index) by hashing rather than by
// drawing from one stream, so any item can be produced on its own, lazily and in any order.

/** splitmix32-style finaliser: a well-mixed 32-bit hash of one value. */
function mix32(value: number): number {
  let z = value >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

/** A 32-bit hash of several integers (order matters). */
export function hash32(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = mix32(h ^ mix32(Math.trunc(part) + 0x6d2b79f5));
  }
  return h;
}

/** A 32-bit hash of a string, for keys such as file paths. */
export function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  return mix32(h);
}

/** A small sequential generator (mulberry32), for building one item's details. */
export class SeededRandom {
  #state: number;

  constructor(...seedParts: number[]) {
    this.#state = hash32(...seedParts);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(choices: readonly T[]): T {
    const choice = choices[Math.floor(this.next() * choices.length)];
    if (choice === undefined) throw new RangeError('pick() needs at least one choice');
    return choice;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }
}
