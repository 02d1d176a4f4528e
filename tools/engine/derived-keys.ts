// Private keys derived from an entropy stream: the same stream gives the same key, so a remembered key is re-derived, never stored.
import * as crypto from "crypto";
import { Entropy } from "./entropy";
import { KeyAlgorithm } from "./keys";

/** Odd primes below 17 000: trial division before the (native) primality test. */
const SMALL_PRIMES: readonly number[] = (() => {
    const primes: number[] = [];
    for (let n = 3; primes.length < 2000; n += 2) {
        if (primes.every((p) => p * p > n || n % p !== 0)) {
            primes.push(n);
        }
    }
    return primes;
})();

const E = 65537n;
const toBig = (bytes: Buffer): bigint => BigInt(`0x${bytes.toString("hex")}`);

/** The first prime at or after a random odd `bits`-bit start (top two bits set, so p·q has exactly 2·bits bits). */
function derivePrime(bits: number, entropy: Entropy): bigint {
    const start = entropy.bytes(bits / 8);
    start[0] |= 0xc0;
    start[start.length - 1] |= 1;
    const base = toBig(start);
    const residues = SMALL_PRIMES.map((p) => Number(base % BigInt(p)));
    for (let step = 0; ; step += 2) {
        if (SMALL_PRIMES.every((p, i) => (residues[i] + step) % p !== 0)) {
            const candidate = base + BigInt(step);
            if ((candidate - 1n) % E !== 0n && crypto.checkPrimeSync(candidate, { checks: 20 })) {
                return candidate;
            }
        }
    }
}

function modInverse(value: bigint, modulus: bigint): bigint {
    let [a, b, x, y] = [value % modulus, modulus, 1n, 0n];
    while (b !== 0n) {
        const q = a / b;
        [a, b, x, y] = [b, a - q * b, y, x - q * y];
    }
    return ((x % modulus) + modulus) % modulus;
}

function b64url(value: bigint): string {
    const hex = value.toString(16);
    return Buffer.from(hex.length % 2 ? `0${hex}` : hex, "hex").toString("base64url");
}

function deriveRsa(bits: number, entropy: Entropy): crypto.KeyObject {
    const p = derivePrime(bits / 2, entropy);
    let q = derivePrime(bits / 2, entropy);
    while (q === p) {
        q = derivePrime(bits / 2, entropy);
    }
    const d = modInverse(E, (p - 1n) * (q - 1n));
    const parts = { n: p * q, e: E, d, p, q, dp: d % (p - 1n), dq: d % (q - 1n), qi: modInverse(q, p) };
    const jwk = Object.fromEntries(Object.entries(parts).map(([name, value]) => [name, b64url(value)]));
    return crypto.createPrivateKey({ key: { kty: "RSA", ...jwk }, format: "jwk" });
}

/** DER tag-length-value. */
function tlv(tag: number, content: Buffer): Buffer {
    const n = content.length;
    const length = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
    return Buffer.concat([Buffer.from([tag]), length, content]);
}

/** OpenSSL curve name, OID (DER content) and private scalar size in bytes, per tls provider curve. */
const EC_CURVES: Record<string, [string, string, number]> = {
    P224: ["secp224r1", "2b81040021", 28],
    P256: ["prime256v1", "2a8648ce3d030107", 32],
    P384: ["secp384r1", "2b81040022", 48],
    P521: ["secp521r1", "2b81040023", 66],
};

function deriveEc(curve: string, entropy: Entropy): crypto.KeyObject {
    const [name, oid, size] = EC_CURVES[curve] ?? EC_CURVES.P224;
    const ecdh = crypto.createECDH(name);
    for (;;) {
        const d = entropy.bytes(size);
        if (size === 66) {
            d[0] &= 0x01;
        }
        try {
            ecdh.setPrivateKey(d);
        } catch {
            continue; // d outside [1, n): draw again
        }
        const sec1 = tlv(
            0x30,
            Buffer.concat([
                tlv(0x02, Buffer.from([1])),
                tlv(0x04, d),
                tlv(0xa0, tlv(0x06, Buffer.from(oid, "hex"))),
                tlv(0xa1, tlv(0x03, Buffer.concat([Buffer.from([0]), ecdh.getPublicKey()]))),
            ]),
        );
        return crypto.createPrivateKey({ key: sec1, format: "der", type: "sec1" });
    }
}

const ED25519_PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

/** Keys already derived in this process from a fresh stream, by algorithm, size and stream id (the derivation is pure). */
const derivedKeys = new Map<string, crypto.KeyObject>();
/** Bound of the memo (a process renders a few stacks; each holds some dozens of keys). */
const DERIVED_KEYS_KEPT = 4096;

/**
 * A private key of the tls provider's shape, derived from `entropy` (same stream, same key). A key from an untouched
 * derived stream is remembered by the stream's id, so re-deriving it (an update that keeps its seed, a second render)
 * skips the RSA prime search.
 */
export function derivePrivateKey(algorithm: KeyAlgorithm, rsaBits: number, ecdsaCurve: string, entropy: Entropy): crypto.KeyObject {
    const memoKey = entropy.id !== undefined && entropy.untouched?.() ? `${algorithm}:${rsaBits}:${ecdsaCurve}:${entropy.id}` : undefined;
    const known = memoKey === undefined ? undefined : derivedKeys.get(memoKey);
    if (known) {
        return known;
    }
    const key = deriveFresh(algorithm, rsaBits, ecdsaCurve, entropy);
    if (memoKey !== undefined && derivedKeys.size < DERIVED_KEYS_KEPT) {
        derivedKeys.set(memoKey, key);
    }
    return key;
}

function deriveFresh(algorithm: KeyAlgorithm, rsaBits: number, ecdsaCurve: string, entropy: Entropy): crypto.KeyObject {
    switch (algorithm) {
        case "RSA":
            return deriveRsa(rsaBits, entropy);
        case "ECDSA":
            return deriveEc(ecdsaCurve, entropy);
        case "ED25519":
            return crypto.createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, entropy.bytes(32)]), format: "der", type: "pkcs8" });
    }
}
