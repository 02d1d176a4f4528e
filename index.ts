// Pulumi entry point: validate the stack config (nothing is created if it is invalid), then run its program.
import { runStack } from "./stacks";

export = runStack();
