// Pulumi entry point: validate the stack config (nothing is created if it is invalid), then run its program.
import { loadStackConfig, runStackProgram } from "./stacks";

const { config, secrets } = loadStackConfig();

export = runStackProgram(config, secrets);
