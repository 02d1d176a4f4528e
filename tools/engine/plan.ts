// The reviewable plan: every registered resource with secrets redacted, in the documented plan.json shape.
import { RecordedResource } from "./recorder";
import { redactSecrets } from "./secret-values";

/** One resource of plan.json: the recorded identity and graph fields, plus redacted inputs. */
export interface PlanResource extends Pick<RecordedResource, "urn" | "type" | "name" | "custom" | "parent" | "provider" | "dependencies"> {
    /** Inputs as registered; secrets are "[secret]" unless shown. */
    readonly inputs: Record<string, unknown>;
    /** Dotted paths of inputs that were secret. */
    readonly secretInputs: readonly string[];
}

/** plan.json. */
export interface Plan {
    /** Pulumi project name. */
    readonly project: string;
    /** Pulumi stack name. */
    readonly stack: string;
    /** Every registered resource in registration order. */
    readonly resources: readonly PlanResource[];
}

/** Builds the plan from recorded registrations. */
export function buildPlan(project: string, stack: string, records: readonly RecordedResource[], showSecrets: boolean): Plan {
    return {
        project,
        stack,
        resources: records.map((record) => {
            const redacted = redactSecrets(record.inputs, showSecrets);
            return {
                urn: record.urn,
                type: record.type,
                name: record.name,
                custom: record.custom,
                parent: record.parent,
                provider: record.provider,
                dependencies: record.dependencies,
                inputs: redacted.value as Record<string, unknown>,
                secretInputs: redacted.secretPaths,
            };
        }),
    };
}
