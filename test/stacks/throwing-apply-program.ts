// A program whose check throws inside an apply (a secret of the wrong shape, seen only there): for throwing-apply.test.ts.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ConfigValidationError, NOT_SHOWN, issue } from "../../components/shared/validation";

/** The refusal the check throws. */
export const REFUSAL = new ConfigValidationError("Registry test", [
    issue("registryAuth", NOT_SHOWN, "is neither <username>:<password> nor a docker config JSON", "give <username>:<password>"),
]);

/** A component holding a ConfigMap of the checked value, as an area's component holds its pull Secret. */
class Holder extends pulumi.ComponentResource {
    constructor(checked: pulumi.Output<string>) {
        super("test:index:Holder", "holder");
        new k8s.core.v1.ConfigMap("auth", { metadata: { name: "auth" }, data: { auth: checked } }, { parent: this });
        this.registerOutputs({});
    }
}

/** Where the checked value goes: into a ConfigMap another resource waits for, into a ConfigMap alone, or out as a stack output. */
export type Shape = "dependent" | "input" | "output";

/** The program for `shape`. */
export function throwingApplyProgram(shape: Shape): () => unknown {
    return () => {
        const checked = pulumi.secret("no-colon").apply((value): string => {
            if (!value.includes(":")) {
                throw REFUSAL;
            }
            return value;
        });
        if (shape === "output") {
            return { auth: checked };
        }
        const holder = new Holder(checked);
        if (shape === "dependent") {
            new k8s.core.v1.ConfigMap("after", { metadata: { name: "after" } }, { dependsOn: [holder] });
        }
        return {};
    };
}
