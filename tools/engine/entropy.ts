// Where simulated material gets its randomness: the system's, or a stream derived from a seed (re-derivable later).
import * as crypto from "crypto";

/** A source of random bytes and integers for the simulators. */
export interface Entropy {
    /** `n` random bytes. */
    bytes(n: number): Buffer;
    /** A random integer in [min, max) (`crypto.randomInt`'s contract). */
    int(min: number, max: number): number;
    /** A derived stream's identity (its key, hashed): equal ids give equal bytes; absent for the system's randomness. */
    readonly id?: string;
    /** True while nothing has been read from a derived stream (what it yields next is then fixed by its id alone). */
    readonly untouched?: () => boolean;
}

/** The system's randomness (a fresh value on every call). */
export const systemEntropy: Entropy = {
    bytes: (n) => crypto.randomBytes(n),
    int: (min, max) => crypto.randomInt(min, max),
};

/** HMAC-SHA256 of labels under a key: the derivation step for seeds, salts and streams. */
export function deriveKey(key: Buffer | string, ...labels: string[]): Buffer {
    return crypto.createHmac("sha256", key).update(labels.join("\0")).digest();
}

/**
 * A deterministic stream (HMAC-SHA256 in counter mode) from a key: equal keys give equal bytes and integers, so
 * a value simulated from it can be simulated again instead of being stored.
 */
export function derivedEntropy(key: Buffer): Entropy {
    let counter = 0;
    let pool = Buffer.alloc(0);
    const bytes = (n: number): Buffer => {
        while (pool.length < n) {
            pool = Buffer.concat([pool, deriveKey(key, String(counter++))]);
        }
        const out = pool.subarray(0, n);
        pool = pool.subarray(n);
        return Buffer.from(out);
    };
    const int = (min: number, max: number): number => {
        const range = max - min;
        // Rejection sampling over 48 bits, as crypto.randomInt does, so every value is equally likely.
        const limit = 2 ** 48 - (2 ** 48 % range);
        for (;;) {
            const value = bytes(6).readUIntBE(0, 6);
            if (value < limit) {
                return min + (value % range);
            }
        }
    };
    const id = crypto.createHash("sha256").update(key).digest("hex");
    return { bytes, int, id, untouched: () => counter === 0 };
}
