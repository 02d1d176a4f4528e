// Simulates @pulumi/random resources with real random values of the requested shape.
import { Entropy, systemEntropy } from "./entropy";

/** Inputs as the random provider names them. */
export type RandomInputs = Record<string, unknown>;

const classes = {
    lower: "abcdefghijklmnopqrstuvwxyz",
    upper: "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    numeric: "0123456789",
    special: "!@#$%&*()-_=+[]{}<>:?",
} as const;

type CharClass = keyof typeof classes;

function pick(alphabet: string, entropy: Entropy): string {
    return alphabet[entropy.int(0, alphabet.length)];
}

/** Random text with the provider's rules: enabled classes, per-class minimums, `overrideSpecial`. */
export function randomText(inputs: RandomInputs, entropy: Entropy = systemEntropy): string {
    const length = Number(inputs.length ?? 16);
    const alphabets: Record<CharClass, string> = { ...classes };
    if (typeof inputs.overrideSpecial === "string") {
        alphabets.special = inputs.overrideSpecial;
    }
    const enabled = (Object.keys(classes) as CharClass[]).filter((name) => inputs[name] !== false && alphabets[name] !== "");
    const minimumKey: Record<CharClass, string> = { lower: "minLower", upper: "minUpper", numeric: "minNumeric", special: "minSpecial" };
    const chars: string[] = [];
    for (const name of enabled) {
        for (let i = 0; i < Number(inputs[minimumKey[name]] ?? 0); i++) {
            chars.push(pick(alphabets[name], entropy));
        }
    }
    const all = enabled.map((name) => alphabets[name]).join("");
    while (chars.length < length) {
        chars.push(pick(all, entropy));
    }
    for (let i = chars.length - 1; i > 0; i--) {
        const j = entropy.int(0, i + 1);
        [chars[i], chars[j]] = [chars[j], chars[i]];
    }
    return chars.slice(0, Math.max(length, chars.length)).join("");
}

/** Simulates `random.RandomId`. */
export function randomIdOutputs(inputs: RandomInputs, entropy: Entropy = systemEntropy): Record<string, string> {
    const bytes = entropy.bytes(Number(inputs.byteLength ?? 8));
    const prefix = typeof inputs.prefix === "string" ? inputs.prefix : "";
    return {
        hex: prefix + bytes.toString("hex"),
        b64Std: prefix + bytes.toString("base64"),
        b64Url: prefix + bytes.toString("base64url"),
        dec: prefix + BigInt(`0x${bytes.toString("hex") || "0"}`).toString(10),
    };
}

/** Simulates `random.RandomInteger`. */
export function randomInteger(inputs: RandomInputs, entropy: Entropy = systemEntropy): number {
    const min = Number(inputs.min ?? 0);
    const max = Number(inputs.max ?? 100);
    return entropy.int(min, max + 1);
}
