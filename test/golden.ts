// Golden-file assertions: UPDATE_GOLDEN=1 rewrites the file, otherwise any difference fails with a unified diff.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { createTwoFilesPatch } from "diff";

/** Root folder of the golden files. */
export const GOLDEN_DIR = path.join(__dirname, "golden");

/** True when goldens are being rewritten. */
const updatingGoldens = process.env.UPDATE_GOLDEN === "1";

/** Longest diff printed in a failure; the rest is counted, not shown. */
const MAX_DIFF_LINES = 200;

/** A unified diff from the golden to the actual text (3 lines of context), cut at {@link MAX_DIFF_LINES}. */
export function goldenDiff(relative: string, expected: string, actual: string): string {
    const patch = createTwoFilesPatch(`golden/${relative}`, `actual/${relative}`, expected, actual, undefined, undefined, { context: 3 });
    const lines = patch
        .trimEnd()
        .split("\n")
        .filter((line) => !/^={3,}$/.test(line));
    if (lines.every((line) => !/^[-+](?![-+]{2} )/.test(line))) {
        return "no line differs (trailing newline or whitespace?)";
    }
    const shown = lines.slice(0, MAX_DIFF_LINES).join("\n");
    return lines.length > MAX_DIFF_LINES ? `${shown}\n… ${lines.length - MAX_DIFF_LINES} more diff lines` : shown;
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
        expect.fail(
            `${relative} differs from its golden (UPDATE_GOLDEN=1 npm test rewrites it after review):\n` +
                goldenDiff(relative, expected, actual),
        );
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
