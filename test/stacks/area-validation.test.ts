import { expect } from "chai";
import { ConfigValidationError } from "../../components/shared/validation";
import { parseStackConfig } from "../../stacks/validate";
import { areaBadConfigs } from "../cases/bad-configs-areas";

describe("stack config validation: multicluster areas", () => {
    for (const entry of areaBadConfigs) {
        it(`rejects: ${entry.name}`, () => {
            let caught: unknown;
            try {
                parseStackConfig({ project: "multicluster", stack: "test", values: entry.values, secretKeys: entry.secretKeys ?? [] });
            } catch (error) {
                caught = error;
            }
            expect(caught).to.be.instanceOf(ConfigValidationError);
            expect((caught as ConfigValidationError).issues.map((found) => found.message)).to.deep.equal(entry.messages);
        });
    }
});
