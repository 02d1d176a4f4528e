// The real runner of e2e actions: commands spawned without a shell (live or captured), files written and removed.
import { spawn } from "child_process";
import * as fs from "fs";
import { ActionResult, Runner } from "./execute";
import { withConfig } from "./extend";
import { Action } from "./plan";

/** A runner that spawns commands with `env` added to this process's environment. */
export function realRunner(env: Readonly<Record<string, string>>): Runner {
    return (action: Action) => run(action, env);
}

function run(action: Action, env: Readonly<Record<string, string>>): Promise<ActionResult> {
    if (action.kind === "write") {
        fs.writeFileSync(action.path, action.content);
        return Promise.resolve({ status: 0, stdout: "" });
    }
    if (action.kind === "config") {
        fs.writeFileSync(action.path, withConfig(fs.readFileSync(action.path, "utf8"), action.config));
        return Promise.resolve({ status: 0, stdout: "" });
    }
    if (action.kind === "remove") {
        fs.rmSync(action.path, { recursive: true, force: true });
        return Promise.resolve({ status: 0, stdout: "" });
    }
    return new Promise((resolve, reject) => {
        const [program, ...args] = action.argv;
        const child = spawn(program, args, {
            cwd: action.cwd,
            env: { ...process.env, ...env },
            stdio: ["ignore", action.echo ? "inherit" : "pipe", "inherit"],
        });
        let stdout = "";
        child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
        child.on("error", reject);
        child.on("close", (status) => resolve({ status: status ?? 1, stdout }));
    });
}
