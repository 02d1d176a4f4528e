// Mocha root hooks: every test file ends with the repository's module cache as it began, so the program modules a fresh
// render reloads never leak into the next file a parallel worker loads (that file would import other class instances than
// the engine holds, and `instanceof` would fail). Serial runs load every file first, so there it changes nothing.
import * as path from "path";

/** The repository root; only its own modules are put back (dependencies keep their one instance). */
const repoRoot = path.resolve(__dirname, "..") + path.sep;

/** True for this repository's modules, not its dependencies. */
const local = (file: string): boolean => file.startsWith(repoRoot) && !file.includes(`${path.sep}node_modules${path.sep}`);

/** The repository's modules as the current file began. */
let snapshot = new Map<string, NodeJS.Module>();

/** Root hooks mocha runs around each file in a worker (around the whole run when serial). */
export const mochaHooks = {
    beforeAll(): void {
        snapshot = new Map(
            Object.entries(require.cache).filter((entry): entry is [string, NodeJS.Module] => local(entry[0]) && entry[1] !== undefined),
        );
    },
    afterAll(): void {
        Object.keys(require.cache)
            .filter((file) => local(file) && !snapshot.has(file))
            .forEach((file) => delete require.cache[file]);
        snapshot.forEach((module, file) => (require.cache[file] = module));
    },
};
