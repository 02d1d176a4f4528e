// Graph helpers for the Antrea tests: run a stack over fake clusters, attribute resources to members, walk dependencies.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { wireLayers } from "../../stacks/program";
import { StackConfig, StackSecrets } from "../../stacks/config/types";
import { ProvisionedCluster } from "../../stacks/layers/layer";
import { RecordedResource } from "../../tools/engine/recorder";
import { fakeClustersOf } from "../fixtures/cilium-clusters";
import { RecordedGraph, recordProgram } from "../mocks";

/** Fake clusters of a stack whose network facts are the config's (pod and service ranges); `recreated` get a new incarnation. */
export function antreaClustersOf(config: StackConfig, recreated: readonly string[] = []): ProvisionedCluster[] {
    return fakeClustersOf(config, recreated).map((entry) => ({
        config: entry.config,
        cluster: {
            ...entry.cluster,
            network: { ...entry.cluster.network, podCidrs: [...entry.config.podCidrs], serviceCidrs: [...entry.config.serviceCidrs] },
        },
    }));
}

/** Runs every layer of a stack over fake clusters built from its config. */
export async function runLayers(config: StackConfig, secrets: StackSecrets = { byKey: {} }): Promise<RecordedGraph> {
    const graph = await recordProgram(() => wireLayers(config, secrets, antreaClustersOf(config)));
    expect(graph.error, String(graph.error)).to.equal(undefined);
    return graph;
}

/** The cluster a resource runs against: its provider's, or the cluster named in a local command's name. */
export function clusterOfRecord(record: RecordedResource, clusters: readonly string[]): string | undefined {
    const provider = record.provider ?? "";
    const byProvider = clusters.find((name) => provider.includes(`::${name}-k8s::`));
    if (byProvider) {
        return byProvider;
    }
    return clusters.find(
        (name) =>
            record.name === name ||
            record.name.startsWith(`${name}-`) ||
            record.name.includes(`-${name}-`) ||
            record.name.endsWith(`-${name}`),
    );
}

/**
 * The member a resource belongs to: its own objects (`-member-<c>-`, `antrea-<c>-`, anything in its cluster) and its
 * access objects on the leader (`-access-<c>-`); undefined for the leader's shared objects.
 */
export function memberOfRecord(record: RecordedResource, members: readonly string[], leader: string): string | undefined {
    const named = members.find((name) => record.name.includes(`-member-${name}-`) || record.name.includes(`-access-${name}-`));
    if (named) {
        return named;
    }
    const cluster = clusterOfRecord(record, members);
    return cluster === leader ? undefined : cluster;
}

/** Every resource `record` waits on, directly or not. */
export function closure(graph: RecordedGraph, record: RecordedResource): RecordedResource[] {
    const byUrn = new Map(graph.records.map((entry) => [entry.urn, entry]));
    const seen = new Set<string>();
    const stack = [...record.dependencies];
    while (stack.length > 0) {
        const urn = stack.pop() as string;
        if (seen.has(urn)) {
            continue;
        }
        seen.add(urn);
        stack.push(...(byUrn.get(urn)?.dependencies ?? []));
    }
    return [...seen].map((urn) => byUrn.get(urn)).filter((entry): entry is RecordedResource => entry !== undefined);
}

/** `group/Kind` → versions the pinned releases serve (read from the CRDs at the pinned tags). */
export const servedVersions: Readonly<Record<string, { versions: readonly string[] }>> = JSON.parse(
    fs.readFileSync(path.join(__dirname, "fixtures", "served-versions.json"), "utf8"),
);

/** API groups of Kubernetes itself and of the providers (not custom resources). */
const builtIn =
    /^(core|apps|rbac\.authorization\.k8s\.io|admissionregistration\.k8s\.io|apiextensions\.k8s\.io|helm\.sh|yaml|networking\.k8s\.io)$/;

/** Custom resources of a graph as `group/version/Kind`. */
export function customResources(graph: RecordedGraph): { name: string; group: string; version: string; kind: string }[] {
    return graph.records.flatMap((record) => {
        const match = /^kubernetes:([^/]+)\/([^:]+):(.+)$/.exec(record.type);
        if (!match || builtIn.test(match[1])) {
            return [];
        }
        return [{ name: record.name, group: match[1], version: match[2], kind: match[3] }];
    });
}
