// The offline engine's replacementTrigger rule, as pulumi's step generator (shouldTriggerReplace) decides it.
import { expect } from "chai";
import { triggersReplace } from "../../tools/engine/replacement-trigger";
import { SimulationState, newResourceId } from "../../tools/engine/state";

describe("rotation: replacementTrigger in the offline engine", () => {
    it("replaces on a change between two values, never when either side is absent", () => {
        expect(triggersReplace(0, 1)).to.equal(true);
        expect(triggersReplace(1, 1)).to.equal(false);
        expect(triggersReplace(null, 1), "first set on an existing resource: only recorded").to.equal(false);
        expect(triggersReplace(undefined, 0)).to.equal(false);
        expect(triggersReplace(1, null)).to.equal(false);
        expect(triggersReplace([1, "a"], [1, "b"])).to.equal(true);
    });

    it("a remembered resource is answered again for the same trigger and simulated anew, with a new ID, for a new one", () => {
        const state = new SimulationState();
        const registration = (trigger: unknown) => ({
            type: "tls:index/privateKey:PrivateKey",
            name: "k",
            inputs: { algorithm: "ECDSA" },
            replacementTrigger: trigger,
        });
        const answer = { id: newResourceId(registration(0)), state: { algorithm: "ECDSA" } };
        state.remember(registration(0), answer);
        expect(state.lookup(registration(0)).answer).to.deep.equal(answer);
        expect(state.lookup(registration(null)).answer, "absent on one side").to.deep.equal(answer);
        expect(state.lookup(registration(1))).to.deep.equal({});
        expect(newResourceId(registration(1))).to.not.equal(answer.id);
        expect(newResourceId(registration(null)), "no trigger: the ID it had before triggers existed").to.equal(
            newResourceId({ type: "tls:index/privateKey:PrivateKey", name: "k", inputs: { algorithm: "ECDSA" } }),
        );
    });
});
