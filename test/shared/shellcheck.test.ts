import { expect } from "chai";
import { spawnSync } from "child_process";
import * as path from "path";
import { GOLDEN_DIR, goldenFiles } from "../golden";

describe("rendered scripts are lintable", () => {
    it("every golden .sh passes bash -n and shellcheck", function () {
        const scripts = goldenFiles(".sh").map((file) => path.join(GOLDEN_DIR, file));
        expect(scripts.length, "golden scripts").to.be.greaterThan(0);
        for (const script of scripts) {
            const syntax = spawnSync("bash", ["-n", script], { encoding: "utf8" });
            expect(syntax.status, `${script}: ${syntax.stderr}`).to.equal(0);
        }
        const probe = spawnSync("shellcheck", ["--version"], { encoding: "utf8" });
        if (probe.error) {
            if (process.env.CI) {
                expect.fail("shellcheck is not installed; .ci/run installs it (apt-get install shellcheck)");
            }
            this.skip();
        }
        const lint = spawnSync("shellcheck", ["--shell=bash", "--severity=style", ...scripts], { encoding: "utf8" });
        expect(lint.status, lint.stdout).to.equal(0);
    });
});
