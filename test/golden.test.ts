// The golden helper's failure shows a unified diff of the golden against the actual text.
import { expect } from "chai";
import { expectGolden, goldenDiff, goldenFiles } from "./golden";

describe("golden helper", () => {
    it("prints a unified diff with context, from the golden to the actual text", () => {
        const diff = goldenDiff("kubeadm/x.sh", "a\nb\nc\nd\n", "a\nB\nc\nd\n");
        expect(diff.split("\n")).to.deep.equal([
            "--- golden/kubeadm/x.sh",
            "+++ actual/kubeadm/x.sh",
            "@@ -1,4 +1,4 @@",
            " a",
            "-b",
            "+B",
            " c",
            " d",
        ]);
    });

    it("cuts a long diff and says how much it left out", () => {
        const many = (prefix: string) => Array.from({ length: 300 }, (_, i) => `${prefix}${i}`).join("\n");
        const diff = goldenDiff("big.yaml", many("old"), many("new")).split("\n");
        expect(diff).to.have.length(201);
        expect(diff[200]).to.equal("… 405 more diff lines");
    });

    it("fails a differing golden with the file name and the diff", function () {
        if (process.env.UPDATE_GOLDEN === "1") {
            this.skip(); // updating would overwrite a real golden with the test's text
        }
        const [first] = goldenFiles(".sh");
        expect(() => expectGolden(first, "not the golden\n"))
            .to.throw(`${first} differs from its golden`)
            .with.property("message")
            .that.contains("+not the golden");
    });
});
