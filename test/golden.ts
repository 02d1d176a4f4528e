// Golden-file assertions: UPDATE_GOLDEN=1 rewrites the file, otherwise any difference fails with a diff.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";

/** Root folder of the golden files. */
export const GOLDEN_DIR = path.join(__dirname, "golden");

/** True when goldens are being rewritten. */
const updatingGoldens = process.env.UPDATE_GOLDEN === "1";

function firstDifference(expected: string, actual: string): string {
    const want = expected.split("\n");
    const got = actual.split("\n");
    for (let i = 0; i < Math.max(want.length, got.length); i++) {
        if (want[i] !== got[i]) {
            return `first difference at line ${i + 1}:\n  golden: ${JSON.stringify(want[i])}\n  actual: ${JSON.stringify(got[i])}`;
        }
    }
    return "no line differs (trailing whitespace?)";
}

/** Compares `actual` with `test/golden/<relative>`; rewrites it when UPDATE_GOLDEN=1. */
export function expectGolden(relative: string, actual: string): void {
    const file = path.join(GOLDEN_DIR, relative);
    if (updatingGoldens) {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, actual);
        return;
    }
    if (!fs.existsSync(file)) {
        expect.fail(`golden ${relative} is missing; run UPDATE_GOLDEN=1 npm test and review the new file`);
    }
    const expected = fs.readFileSync(file, "utf8");
    if (expected !== actual) {
        expect.fail(`${relative} differs from its golden (UPDATE_GOLDEN=1 npm test rewrites it after review); ` +
            firstDifference(expected, actual));
    }
}

/** Every golden file with the given extension, as paths relative to the golden folder. */
export function goldenFiles(extension: string): string[] {
    const found: string[] = [];
    const walk = (dir: string) => {
        if (!fs.existsSync(dir)) {
            return;
        }
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) {
                walk(full);
            } else if (entry.name.endsWith(extension)) {
                found.push(path.relative(GOLDEN_DIR, full));
            }
        }
    };
    walk(GOLDEN_DIR);
    return found.sort();
}
