// Validation of the whole program: config parsing (stacks/config) plus the provisioners' and every area's rules.
import { areaWarnings } from "./areas";
import { loadStackConfig as loadWith, parseStackConfig as parseWith } from "./config/load";
import { RawStackConfig } from "./config/raw";
import { StackRules } from "./config/rules";
import { StackConfig, StackSecrets } from "./config/types";
import { configWarnings } from "./config/warnings";
import { layerIssues, missingSecretIssues } from "./layers";
import { provisionIssues } from "./layers/provision";

/** The rules stacks/config runs on a resolved config: the provisioners', every selected row's, and the warnings. */
export const stackRules: StackRules = {
    provisionIssues,
    layerIssues: (config) => layerIssues(config),
    missingSecretIssues: (config, present) => missingSecretIssues(config, present),
    warnings: (config) => stackWarnings(config),
};

/**
 * Validates raw config into a StackConfig in one pass (the config's own rules, the provisioners' and every selected
 * layer row's); throws ConfigValidationError listing every problem.
 */
export function parseStackConfig(raw: RawStackConfig): StackConfig {
    return parseWith(raw, stackRules);
}

/** Loads and validates the stack config, logs its warnings, and reads its secrets as secret Outputs. */
export function loadStackConfig(): { config: StackConfig; secrets: StackSecrets } {
    return loadWith(stackRules);
}

/**
 * One sentence per risky choice: a bastion without `apiServerUrl`, then each area's (an L2 pool off the nodes'
 * network, versions outside what AVI or CN2 were published for).
 */
export function stackWarnings(config: StackConfig): string[] {
    return [...configWarnings(config), ...areaWarnings(config)];
}
