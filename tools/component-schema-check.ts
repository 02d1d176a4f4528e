// Runs Pulumi's component analyzer (the one `pulumi package add` uses) over each design component on its own and
// prints OK or its first error: `npm run schema:check -- KubeadmCluster,CiliumInstall` (default: every hosted component).
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import * as library from "../components";
import { HOSTED_COMPONENTS } from "../components/provider/components";

type Constructor = ConstructorParameters<typeof ComponentProvider>[0]["components"][number];

async function check(name: string): Promise<string> {
    const component = (library as unknown as Record<string, Constructor | undefined>)[name];
    if (component === undefined) {
        return `FAIL ${name}: not exported by components/index.ts`;
    }
    const provider = new ComponentProvider({ components: [component], name: "multicluster", dirname: process.cwd() });
    try {
        const schema = JSON.parse(await provider.getSchema()) as { readonly resources?: Record<string, unknown> };
        return `OK   ${name} (${Object.keys(schema.resources ?? {}).join(", ")})`;
    } catch (error) {
        return `FAIL ${name}: ${String((error as Error).message).split("\n")[0]}`;
    }
}

async function main(): Promise<void> {
    const names = process.argv[2] ? process.argv[2].split(",") : Object.keys(HOSTED_COMPONENTS);
    const lines = [];
    for (const name of names) {
        lines.push(await check(name));
        console.log(lines[lines.length - 1]);
    }
    process.exitCode = lines.some((line) => line.startsWith("FAIL")) ? 1 : 0;
}

void main();
