// Render progress: one line per phase of the stack program once a stack passes 50 resources, none for a small one.
import { expect } from "chai";
import { followPhases } from "../../tools/engine/layer-progress";
import { renderStack } from "../../tools/render";
import { projectDir } from "./render-fixtures";

async function linesOf(stack: string, threshold?: number): Promise<string[]> {
    const lines: string[] = [];
    const follower = followPhases((line) => lines.push(line), threshold);
    try {
        const result = await renderStack({ projectDir, stack, showSecrets: false });
        expect(result.run.error, String(result.run.error)).to.equal(undefined);
    } finally {
        follower.finish();
    }
    return lines;
}

describe("render progress per layer", () => {
    it("prints provisioning and each layer with its resource count and the running total, in program order", async () => {
        const lines = await linesOf("dev");
        expect(lines.map((line) => line.split(":")[0])).to.deep.equal([
            "provision",
            "layer cni",
            "layer loadBalancer",
            "layer multicluster",
            "layer ingress",
            "layer apps",
        ]);
        const counts = lines.map((line) => /: (\d+) resources \((\d+) so far\)$/.exec(line)?.slice(1).map(Number));
        expect(counts.every((pair) => pair !== undefined)).to.equal(true);
        let total = 0;
        for (const [inPhase, soFar] of counts as number[][]) {
            total += inPhase;
            expect(soFar).to.equal(total);
        }
        expect(total).to.be.greaterThan(50);
    });

    it("stays quiet for a stack at or under the threshold, and stops listening once finished", async () => {
        expect(await linesOf("dev", 10_000)).to.deep.equal([]);
        expect(Object.getOwnPropertySymbols(globalThis).map(String)).not.to.include("Symbol(multicluster.stackPhaseListener)");
    });
});
