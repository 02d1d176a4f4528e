// Contrail test fixtures: stack configs of N clusters (seed 002 ranges first), fake clusters carrying their real network.
import * as fs from "fs";
import * as path from "path";
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import * as yaml from "js-yaml";
import { RawStackConfig } from "../../stacks/config/load";
import { parseStackConfig } from "../../stacks/validate";
import { StackConfig, StackSecrets } from "../../stacks/config/types";
import { ProvisionedCluster } from "../../stacks/layers/layer";
import { wireLayers } from "../../stacks/program";
import { fakeClustersOf } from "../fixtures/cilium-clusters";

/** A registry credential that must never appear in plain text in any plan, output or golden. */
export const REGISTRY_CANARY = "cn2-user:registry-canary-do-not-leak";

/** Stack config values of the contrail-lab stack file (short keys; the secure value left out). */
export function contrailLabValues(): Record<string, unknown> {
    const file = path.join(__dirname, "..", "..", "Pulumi.contrail-lab.yaml");
    const parsed = yaml.load(fs.readFileSync(file, "utf8")) as { config: Record<string, unknown> };
    return Object.fromEntries(
        Object.entries(parsed.config)
            .map(([key, value]) => [key.replace(/^multicluster:/, ""), value] as const)
            .filter(([key]) => key !== "contrailRegistryAuth"),
    );
}

/** Validates config values as a stack with `contrailRegistryAuth` set as a secret (unless told otherwise). */
export function parseContrail(values: Record<string, unknown>, secretKeys: string[] = ["contrailRegistryAuth"]): StackConfig {
    const raw: RawStackConfig = { project: "multicluster", stack: "test", values, secretKeys };
    return parseStackConfig(raw);
}

/** A kubeadm cluster entry `c<i>` with its own IPv4 and IPv6 ranges and node IPs 10.10.<i>.10/.11. */
export function kubeadmCluster(i: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        name: `c${i}`,
        provisioner: "kubeadm",
        id: i,
        podCidr: `10.${100 + i}.0.0/16`,
        serviceCidr: `10.${200 + i}.0.0/20`,
        podCidrV6: `fd00:${i}::/112`,
        serviceCidrV6: `fd00:${i}:1::/116`,
        controlPlanes: [{ host: `10.10.${i}.10` }],
        workers: [{ host: `10.10.${i}.11` }],
        ...extra,
    };
}

/** Values of a contrail stack over the given cluster numbers; the first one is central. */
export function contrailValues(numbers: readonly number[], mesh: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        clusters: numbers.map((i) => kubeadmCluster(i)),
        cni: { kind: "none" },
        mesh: { kind: "contrail", central: `c${numbers[0]}`, ...mesh },
    };
}

/**
 * Fake provisioned clusters whose contract network carries the config's dual-stack ranges, and whose `joined` is
 * `ready` plus one stand-in join step per worker (`<cluster>-<worker>-join`), as KubeadmCluster's is.
 */
export function contrailClustersOf(config: StackConfig): ProvisionedCluster[] {
    return fakeClustersOf(config).map(({ config: entry, cluster }) => {
        const workers = entry.provisioner === "kubeadm" ? entry.workers.map((host) => host.name) : [];
        const joins = workers.map((worker) => new command.local.Command(`${entry.name}-${worker}-join`, { create: "true" }));
        return {
            config: entry,
            cluster: {
                ...cluster,
                network: { ...cluster.network, podCidrs: [...entry.podCidrs], serviceCidrs: [...entry.serviceCidrs] },
                joined: [...cluster.ready, ...joins],
            },
        };
    });
}

/** The stack program of a contrail config over fake clusters (the registry credential is the canary). */
export function contrailProgram(config: StackConfig): () => unknown {
    return () => {
        const secrets: StackSecrets = { byKey: { contrailRegistryAuth: pulumi.secret(REGISTRY_CANARY) } };
        return wireLayers(config, secrets, contrailClustersOf(config));
    };
}
