// Before anything runs: the real tools the e2e needs, and the one line it prints (exit 2) when any is missing.
import * as fs from "fs";
import * as path from "path";

/** The tools the e2e drives, by the name on PATH, with what to install. */
export const REQUIRED_TOOLS: readonly { readonly command: string; readonly label: string }[] = [
    { command: "docker", label: "Docker" },
    { command: "kind", label: "kind" },
    { command: "kubectl", label: "kubectl" },
    { command: "pulumi", label: "the Pulumi CLI" },
];

/** Exit status when a required tool is missing (the offline checks are `npm test`). */
export const MISSING_TOOLS_EXIT = 2;

/** Whether an executable of that name is on a PATH. */
export function onPath(command: string, pathVariable: string = process.env.PATH ?? ""): boolean {
    return pathVariable
        .split(path.delimiter)
        .filter((dir) => dir !== "")
        .some((dir) => {
            try {
                fs.accessSync(path.join(dir, command), fs.constants.X_OK);
                return fs.statSync(path.join(dir, command)).isFile();
            } catch {
                return false;
            }
        });
}

/** The labels of the required tools that `present` does not find. */
export function missingTools(present: (command: string) => boolean): string[] {
    return REQUIRED_TOOLS.filter((tool) => !present(tool.command)).map((tool) => tool.label);
}

/** The one line printed when tools are missing (empty list: none). */
export function missingToolsMessage(missing: readonly string[]): string {
    return (
        `e2e needs Docker, kind, kubectl and the Pulumi CLI on PATH; missing: ${missing.join(", ")}. ` +
        "Install them (docs/e2e.md), or run the offline checks with npm test."
    );
}

/** The line printed when the Docker CLI is there but its daemon does not answer. */
export const DOCKER_DOWN_MESSAGE =
    "e2e needs a running Docker daemon: `docker info` failed. Start Docker, or run the offline checks with npm test.";

/**
 * Why the e2e cannot start, in one line, or undefined: a required tool missing from PATH, else a Docker daemon that
 * does not answer (`dockerAnswers` is asked only when every tool is there).
 */
export async function preflightProblem(
    present: (command: string) => boolean,
    dockerAnswers: () => Promise<boolean>,
): Promise<string | undefined> {
    const missing = missingTools(present);
    if (missing.length > 0) {
        return missingToolsMessage(missing);
    }
    return (await dockerAnswers()) ? undefined : DOCKER_DOWN_MESSAGE;
}
