// CiliumInstall: the Cilium Helm release of one cluster (and its Cluster Mesh certificates), then a wait until it runs.
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../cluster";
import { waitingFor } from "../shared/readiness";
import { clusterAccess } from "../shared/cluster-access";
import { HelmChartRef, helmRelease, valuesChecksum } from "../shared/helm";
import { DEFAULT_WAIT_SECONDS, clusterScript } from "../shared/kubectl-wait";
import { optionDependencies } from "../shared/schema-types";
import { versionJumpGate } from "../shared/version-jump";
import { CILIUM_NAMESPACE } from "./certs";
import { CiliumCniFacts, ciliumCniFacts } from "./cni-facts";
import { ciliumReadyScript } from "./health";
import { CiliumInstallArgs, checkInstall, installValues, resolveInstallArgs } from "./install-args";
import { createMeshCertSecrets } from "./mesh-tls";
import { ciliumVersionJumpScript } from "./version-jump";

/** Where the chart comes from. */
export const CILIUM_CHART: HelmChartRef = {
    chart: "cilium",
    repo: "https://helm.cilium.io",
    releaseName: "cilium",
    namespace: CILIUM_NAMESPACE,
};

export type { CiliumInstallArgs, CiliumInstallMesh } from "./install-args";

/** What a CiliumInstall keeps out of the schema: what resources that need Cilium depend on. */
interface InstallInternals {
    readonly ready: pulumi.Resource[];
}

const internals = new WeakMap<CiliumInstall, InstallInternals>();

/** Cilium installed by Helm in one cluster, with its Cluster Mesh certificate Secrets when meshed. */
export class CiliumInstall extends pulumi.ComponentResource {
    /** The Helm release `cilium` in kube-system. */
    readonly release: k8s.helm.v3.Release;
    /** Refuses, before the release changes, a version more than one minor from the running Cilium (re-runs on a new version). */
    readonly versionJump: command.local.Command;
    /** Waits until the agents and operator run (needs kubectl on the deploying machine); re-runs when the values change. */
    readonly running: command.local.Command;
    /** The clustermesh-apiserver certificate Secrets (empty outside a mesh). */
    readonly meshSecrets: k8s.core.v1.Secret[];
    /** SHA-256 of the chart, its version and the values: gates that vouch for this install put it in their triggers. */
    readonly releaseChecksum: pulumi.Output<string>;
    /**
     * Resolves once Cilium runs (the release, then the `-running` wait): what waits for it (`CiliumClusterMesh`'s
     * gates, through `meshInstallOf`) waits for both.
     */
    readonly readiness: pulumi.Output<string>;
    /** The chart version installed. */
    readonly version: string;
    /** What other components must know of this install (pass it as `LinkerdInstall`'s `cni`). */
    readonly cniFacts: CiliumCniFacts;

    /** What `opts.dependsOn` names, the release waits for too. */
    constructor(name: string, args: CiliumInstallArgs, opts?: pulumi.ComponentResourceOptions) {
        const resolved = resolveInstallArgs(args);
        const chart = checkInstall(name, resolved);
        super("multicluster:cilium:CiliumInstall", name, {}, opts);
        // Every in-cluster child (mesh Secrets, version-jump gate, release, running gate) waits for opts.dependsOn too.
        const cluster = waitingFor(clusterAccess(resolved.cluster, this, name, { opts }), optionDependencies(opts));
        const values = installValues(chart, resolved);
        const timeoutSeconds = resolved.readyTimeoutSeconds ?? DEFAULT_WAIT_SECONDS;
        const { mesh, ca, version } = resolved;
        this.meshSecrets = mesh && ca ? createMeshCertSecrets(name, cluster, mesh.endpointAddress, ca, this) : [];
        // Before the release changes: the running Cilium is at most one minor away (a first install has none).
        const jumpScript = ciliumVersionJumpScript({ cluster: cluster.name, version, timeoutSeconds });
        this.versionJump = versionJumpGate(name, cluster, jumpScript, version, this);
        // skipAwait: Helm's await would block on LoadBalancer Services (ingress, clustermesh-apiserver) whose
        // IPs only exist once the load-balancer layer's pools exist, after the release; `running` waits instead.
        const dependsOn = [...this.meshSecrets, this.versionJump];
        this.release = helmRelease(`${name}-release`, { cluster, chart: CILIUM_CHART, version, values, dependsOn }, this);
        this.version = version;
        this.cniFacts = ciliumCniFacts(resolved.settings);
        this.releaseChecksum = valuesChecksum({ chart: CILIUM_CHART, version, values });
        // Every node's agent: after every join, and again when a node is added or the release changes (version or values).
        this.running = clusterScript(
            `${name}-running`,
            {
                cluster,
                script: ciliumReadyScript({ cluster: cluster.name, timeoutSeconds }),
                dependsOn: [this.release, ...cluster.joined],
                triggers: [this.releaseChecksum, nodeList(cluster)],
            },
            this,
        );
        this.readiness = pulumi.all([this.release.id, this.running.id]).apply(([release, running]) => `${release} ${running}`);
        internals.set(this, { ready: [this.release, this.running] });
        this.registerOutputs({ releaseName: this.release.name, chartVersion: version, clusterName: cluster.name });
    }

    /** What resources that need Cilium must depend on (TypeScript only; other languages use `readiness`). */
    get ready(): pulumi.Resource[] {
        const found = internals.get(this);
        if (!found) {
            throw new Error("internal: CiliumInstall read before its constructor finished");
        }
        return [...found.ready];
    }
}

/** The cluster's node addresses as one sorted text: a node added or removed re-runs the gates that vouch for every node. */
export function nodeList(cluster: Pick<Cluster, "network">): string {
    return [...cluster.network.nodeAddresses].sort().join(",");
}
