// Plain Cluster data for the contrail, AVI and export tests: no provider, readiness carried by the kubeconfig and nodeNames Outputs.
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../../components/cluster";
import { RecordedGraph } from "../mocks";
import { RecordedResource } from "../../tools/engine/recorder";

/** What {@link dataCluster} builds: the data, and the stand-in steps its Outputs depend on. */
export interface DataCluster {
    /** The cluster as plain data (what another stack or `existingCluster` gives). */
    readonly cluster: Cluster;
    /** `<name>-api-answers`: what the kubeconfig resolves after (the API answering). */
    readonly ready: command.local.Command;
    /** `<name>-every-node-joined`: what the node names resolve after (every join). */
    readonly joined: command.local.Command;
}

/** Network facts of a plain-data cluster. */
export interface DataClusterNetwork {
    /** Pod CIDRs. */
    readonly podCidrs: string[];
    /** Service CIDRs. */
    readonly serviceCidrs: string[];
    /** Node IPs; the first is the endpoint host. */
    readonly nodeAddresses: string[];
}

/** Plain Cluster data whose kubeconfig resolves after an "API answers" step and node names after a "joined" step (run inside a harness program). */
export function dataCluster(name: string, network: DataClusterNetwork): DataCluster {
    const ready = new command.local.Command(`${name}-api-answers`, { create: "true" });
    const joined = new command.local.Command(`${name}-every-node-joined`, { create: "true" }, { dependsOn: [ready] });
    const host = network.nodeAddresses[0] ?? `${name}.example`;
    const cluster: Cluster = {
        name,
        network,
        endpoint: { host, port: 6443 },
        caCertificate: "-----BEGIN CERTIFICATE-----\ndata\n-----END CERTIFICATE-----\n",
        incarnation: pulumi.interpolate`${name}@${ready.id}`,
        kubeconfig: pulumi.secret(ready.stdout.apply(() => `apiVersion: v1\nkind: Config\n# ${name}\n`)),
        apiServer: `https://${host}:6443`,
        nodeNames: joined.stdout.apply(() => network.nodeAddresses.map((_, i) => `${name}-node-${i}`)),
    };
    return { cluster, ready, joined };
}

/** The name of the provider a resource was created through. */
export const providerName = (record: RecordedResource): string | undefined => record.provider?.split("::").pop();

/** Every custom resource of `graph` created through a kubernetes provider (the in-cluster objects). */
export function inClusterRecords(graph: RecordedGraph): RecordedResource[] {
    return graph.records.filter((record) => record.type.startsWith("kubernetes:"));
}
