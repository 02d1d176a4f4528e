import { expect } from "chai";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { scriptPreamble, sh, shArgs, waitFor } from "../../components/shared/shell";
import { expectGolden } from "../golden";

/** Runs bash with the given script text and returns stdout. */
function bash(script: string, args: string[] = []): string {
    return execFileSync("bash", ["-c", script, "bash", ...args], { encoding: "utf8" });
}

describe("shell helpers", () => {
    const tricky = ["plain", "with space", "it's", "$(touch /tmp/pwned)", 'a"b', "`id`", "new\nline", "*", "", "--flag=x y", "ünï"];

    for (const value of tricky) {
        it(`sh() passes ${JSON.stringify(value)} through bash as one literal word`, () => {
            expect(bash(`printf '%s' ${sh(value)}`)).to.equal(value);
        });
    }

    it("shArgs() keeps word boundaries", () => {
        expect(bash(`printf '<%s>' ${shArgs(["a b", "c", "d'e"])}`)).to.equal("<a b><c><d'e>");
    });

    it("leaves safe words unquoted so scripts stay readable", () => {
        expect(sh("/etc/kubernetes/admin.conf")).to.equal("/etc/kubernetes/admin.conf");
        expect(sh(6443)).to.equal("6443");
    });

    it("renders the preamble and a bounded wait (golden)", () => {
        const script = `${scriptPreamble("wait for the API server", { waits: true })}${waitFor("curl -fsk https://127.0.0.1:6443/readyz >/dev/null", { what: "the API server", timeoutSeconds: 300 })}\n`;
        expectGolden("shared/wait-for.sh", script);
    });

    it("a bounded wait fails with its message when the deadline passes", () => {
        const script = `${scriptPreamble("test", { waits: true })}${waitFor("false", { what: "nothing", timeoutSeconds: 1, intervalSeconds: 1 })}\n`;
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wait-"));
        const file = path.join(dir, "wait.sh");
        fs.writeFileSync(file, script);
        const result = spawnSync("bash", [file], { encoding: "utf8" });
        expect(result.status).to.equal(1);
        expect(result.stderr).to.equal("timed out after 1s waiting for nothing\n");
    });

    it("a bounded wait returns as soon as the condition holds", () => {
        const script = `${scriptPreamble("test", { waits: true })}${waitFor("true", { what: "x", timeoutSeconds: 5 })}\necho done\n`;
        expect(bash(script)).to.equal("done\n");
    });
});
