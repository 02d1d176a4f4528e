// Loads a program module afresh so each run of the engine runs the program again.
import * as path from "path";

/** This repository's root (the engine lives in `<root>/tools`). */
const repoRoot = path.resolve(__dirname, "..", "..");

/** True for modules a render must load afresh: program code, not dependencies, the engine or tests. */
function isProgramModule(file: string, roots: readonly string[]): boolean {
    const sep = path.sep;
    const skipped = [`${sep}node_modules${sep}`, `${repoRoot}${sep}tools${sep}`, `${repoRoot}${sep}test${sep}`];
    return roots.some((root) => file.startsWith(root)) && !skipped.some((part) => file.includes(part));
}

/** Requires the entry afresh (with the program modules it loads), so each render runs the program again. */
export function freshRequire(entry: string, projectDir: string): unknown {
    const roots = [path.resolve(projectDir) + path.sep, repoRoot + path.sep];
    Object.keys(require.cache)
        .filter((file) => isProgramModule(file, roots))
        .forEach((file) => delete require.cache[file]);
    return require(entry);
}
