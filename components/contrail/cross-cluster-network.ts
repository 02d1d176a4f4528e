// ContrailCrossClusterNetwork: two isolated namespaces on their clusters and the VN/VNR pair on the central cluster that joins them.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../cluster";
import { clusterAccess, inClusterOptions } from "../shared/cluster-access";
import { optionDependencies } from "../shared/schema-types";
import { clusterScript, kubectlScriptPreamble } from "../shared/kubectl-wait";
import { sh, waitFor } from "../shared/shell";
import { ConfigValidationError, ValidationIssue, issue } from "../shared/validation";
import { DEFAULT_CONTRAIL_WAIT_SECONDS } from "./health";
import { NetworkSide, centralNamespaceOf, crossClusterNetwork } from "./networks";
import { networkSideIssues } from "./validate";

/** One side: the cluster its namespace lives on, and the side's spec. */
export interface CrossClusterSide {
    /** The cluster, as data or a provisioner's (the central one, or a distributed one; then `side.distributedCluster` is its name). */
    readonly cluster: Cluster;
    /** The spec. */
    readonly side: NetworkSide;
}

/**
 * Inputs of {@link ContrailCrossClusterNetwork}. What must exist first (e.g. `ContrailMulticluster.ready` of every
 * involved cluster) goes in `opts.dependsOn`.
 */
export interface ContrailCrossClusterNetworkArgs {
    /** The central cluster (VN and VNR can only be defined there). */
    readonly central: Cluster;
    /** The two sides. */
    readonly sides: readonly [CrossClusterSide, CrossClusterSide];
    /** Bound of the wait for a distributed namespace's mirror; @default 1200 s. */
    readonly timeoutSeconds?: number;
}

/** A script that waits until the central cluster mirrors a distributed cluster's namespace. */
export function mirrorWaitScript(central: string, side: NetworkSide, timeoutSeconds: number): string {
    const mirror = centralNamespaceOf(side);
    const lines = [
        ...kubectlScriptPreamble(
            `Waits until central cluster ${central} mirrors namespace ${side.namespace} of ${side.distributedCluster ?? central}.`,
        ),
        waitFor(`kubectl get namespace ${sh(mirror)} >/dev/null 2>&1`, {
            what: `central cluster ${central} to mirror namespace ${side.namespace} of cluster ${side.distributedCluster ?? central} as ${mirror}`,
            timeoutSeconds,
            intervalSeconds: 5,
            state: "'not mirrored yet'",
        }),
        `echo ${sh(`central cluster ${central} mirrors ${side.namespace} as ${mirror}`)}`,
    ];
    return `${lines.join("\n")}\n`;
}

/** What is wrong with the two sides: the same cluster twice, the same network name twice, or a side's own spec. */
function crossClusterIssues(args: ContrailCrossClusterNetworkArgs): ValidationIssue[] {
    const [a, b] = args.sides;
    return [
        ...(a.cluster.name === b.cluster.name
            ? [issue("sides[1].cluster", b.cluster.name, "is the cluster of sides[0] too", "join namespaces of two different clusters")]
            : []),
        ...(a.side.network.name === b.side.network.name
            ? [
                  issue(
                      "sides[1].side.network.name",
                      b.side.network.name,
                      "is the network name of sides[0] too",
                      "give each side's VirtualNetwork its own name",
                  ),
              ]
            : []),
        ...args.sides.flatMap((entry, i) => networkSideIssues(`sides[${i}].side`, entry.side)),
    ];
}

/**
 * Seed 002's cross-cluster VirtualNetwork wiring: an isolated namespace per side on its own cluster, a wait for
 * the central mirror of a distributed side's namespace, then each side's Subnet, VirtualNetwork and mesh VNR on
 * the central cluster, the VNRs importing each other.
 */
export class ContrailCrossClusterNetwork extends pulumi.ComponentResource {
    /** The Subnet/VirtualNetwork/VirtualNetworkRouter objects on the central cluster. */
    readonly objects: readonly k8s.apiextensions.CustomResource[];

    constructor(name: string, args: ContrailCrossClusterNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        const [a, b] = args.sides;
        const issues = crossClusterIssues(args);
        if (issues.length > 0) {
            throw new ConfigValidationError(`ContrailCrossClusterNetwork ${name}`, issues);
        }
        super("multicluster:contrail:ContrailCrossClusterNetwork", name, {}, opts);
        const rendered = crossClusterNetwork(a.side, b.side);
        const deps = optionDependencies(opts);
        const central = clusterAccess(args.central, this, name);
        const namespaces = args.sides.map(
            (entry, i) =>
                new k8s.core.v1.Namespace(
                    `${name}-ns-${entry.cluster.name}`,
                    { metadata: { ...rendered.namespaces[i].metadata } },
                    inClusterOptions(clusterAccess(entry.cluster, this, name), this, { dependsOn: deps }),
                ),
        );
        const mirrors = args.sides.flatMap((entry, i): pulumi.Resource[] =>
            entry.side.distributedCluster === undefined
                ? [namespaces[i]]
                : [
                      clusterScript(
                          `${name}-mirror-${entry.cluster.name}`,
                          {
                              cluster: central,
                              script: mirrorWaitScript(central.name, entry.side, args.timeoutSeconds ?? DEFAULT_CONTRAIL_WAIT_SECONDS),
                              dependsOn: [namespaces[i]],
                          },
                          this,
                      ),
                  ],
        );
        this.objects = rendered.central.map(
            (object) =>
                new k8s.apiextensions.CustomResource(
                    `${name}-${object.kind.toLowerCase()}-${object.metadata.name}`,
                    { ...object },
                    inClusterOptions(central, this, { dependsOn: [...deps, ...mirrors] }),
                ),
        );
        this.registerOutputs({ namespaces: rendered.central.map((object) => object.metadata.namespace) });
    }
}
