// The rules above the config layer that parsing runs on a resolved config, handed in by stacks/validate.ts.
import { ValidationIssue } from "../../components/shared/validation";
import { StackConfig } from "./types";

/**
 * What stacks/config runs but does not own: the provisioners' rules and every selected layer row's (stacks/layers,
 * stacks/areas). stacks/validate.ts passes them in, so config never imports the layers it validates for.
 */
export interface StackRules {
    /** KubeadmCluster's and KindCluster's own rules, at the stack's keys. */
    readonly provisionIssues: (config: StackConfig) => ValidationIssue[];
    /** Every rule of every selected row. */
    readonly layerIssues: (config: StackConfig) => ValidationIssue[];
    /** One issue per secret key a selected row needs that is not among `present`. */
    readonly missingSecretIssues: (config: StackConfig, present: readonly string[]) => ValidationIssue[];
    /** Valid but risky choices, one sentence each. */
    readonly warnings: (config: StackConfig) => string[];
}
