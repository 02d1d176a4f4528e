// AntreaMulticlusterDemo: a web Service exported by one member and proven to answer from every other member.
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../cluster";
import { clusterAccess, inClusterOptions } from "../shared/cluster-access";
import { DEFAULT_WAIT_SECONDS, clusterScript } from "../shared/kubectl-wait";
import { MC_DEMO_NAMESPACE, MC_DEMO_OUTSIDER, MC_DEMO_SERVICE, mcDemoClient, mcDemoPolicy, mcDemoProofScript, mcDemoServer } from "./demo";
import { ipv4Cidrs } from "./cluster-set/mc-config";
import { createServiceExport } from "../export/export";
import { planServiceExport } from "../export/render";
import { EndpointIpType } from "./types";

/** One member taking part in the demo. */
export interface McDemoMember {
    /** The member cluster: plain data (a provider is made from it) or a provisioner. */
    readonly cluster: Cluster;
    /** What its plain objects (Namespace, Deployments, Service) wait for: the CNI. */
    readonly dependsOn: readonly pulumi.Resource[];
    /** What its export and proof wait for besides: its ClusterSet gates (`AntreaClusterSet.ready[name]`). */
    readonly meshReady?: readonly pulumi.Resource[];
    /** What its ServiceExport waits for besides: its MC controller serving (`AntreaClusterSet.memberControllers[name].ready`); @default meshReady. */
    readonly exportReady?: readonly pulumi.Resource[];
    /** Everything its ClusterSet gates vouch for (`AntreaClusterSet.fingerprints[name]`): a change re-runs the proofs. */
    readonly fingerprint?: pulumi.Input<string>;
}

/** Inputs of {@link AntreaMulticlusterDemo}. */
export interface AntreaMulticlusterDemoArgs {
    /** The member that runs and exports the web Service. */
    readonly exporter: McDemoMember;
    /** The members that import it and prove it answers. */
    readonly importers: readonly McDemoMember[];
    /** The ClusterSet's endpoint type: the proofs check the import's endpoints are the exporter's Pod IPs or ClusterIP. */
    readonly endpointIpType?: EndpointIpType;
    /** Stretched policies are on: web admits only ClusterSet `client` Pods and each proof checks an `outsider` is refused. */
    readonly stretchedNetworkPolicy?: boolean;
    /** Bound of each proof; @default 600 s. */
    readonly timeoutSeconds?: number;
}

/** The exporter's IPv4 ranges its import's endpoints must lie in for an endpoint type. */
function endpointCidrs(exporter: Cluster, type: EndpointIpType): string[] {
    return ipv4Cidrs(type === "PodIP" ? exporter.network.podCidrs : exporter.network.serviceCidrs);
}

/** The exporter's objects that the export and the proofs wait for. */
interface DemoServer {
    /** The `web` Deployment. */
    readonly web: k8s.apps.v1.Deployment;
    /** The `web` Service. */
    readonly service: k8s.core.v1.Service;
    /** The stretched policy admitting ClusterSet clients, when on. */
    readonly policy: readonly k8s.apiextensions.CustomResource[];
}

/** The proof script of one importer. */
function proofScript(args: AntreaMulticlusterDemoArgs, importer: McDemoMember): string {
    const type = args.endpointIpType;
    return mcDemoProofScript({
        cluster: importer.cluster.name,
        exporter: args.exporter.cluster.name,
        timeoutSeconds: args.timeoutSeconds ?? DEFAULT_WAIT_SECONDS,
        ...(type ? { endpoints: { type, cidrs: endpointCidrs(args.exporter.cluster, type) } } : {}),
        ...(args.stretchedNetworkPolicy ? { stretchedPolicy: true } : {}),
    });
}

/**
 * The demo: `web` runs in the exporter and is exported; every importer gets `antrea-mc-web` from the ClusterSet, and
 * a bounded proof per importer checks the import and curls it from a client Pod until the answer names the
 * exporter's cluster (Pod-to-Pod too in PodIP mode; with stretched policies, an outsider Pod must be refused). The
 * proofs re-run whenever either side's ClusterSet fingerprint or cluster changes.
 */
export class AntreaMulticlusterDemo extends pulumi.ComponentResource {
    /** The ServiceExport. */
    readonly serviceExport: k8s.apiextensions.CustomResource;
    /** One proof per importer, by cluster name. */
    readonly proofs: Readonly<Record<string, command.local.Command>>;

    constructor(name: string, given: AntreaMulticlusterDemoArgs, opts?: pulumi.ComponentResourceOptions) {
        super("multicluster:antrea:AntreaMulticlusterDemo", name, {}, opts);
        const reach = (member: McDemoMember): McDemoMember => ({ ...member, cluster: clusterAccess(member.cluster, this, name) });
        const args = { ...given, exporter: reach(given.exporter), importers: given.importers.map(reach) };
        const { exporter } = args;
        const served = this.createServer(name, args);
        this.serviceExport = createServiceExport(
            `${name}-${exporter.cluster.name}-export`,
            exporter.cluster,
            planServiceExport(exporter.cluster.name, { name: MC_DEMO_SERVICE, namespace: MC_DEMO_NAMESPACE }, { mesh: "antrea" }),
            this,
            [...exporter.dependsOn, ...(exporter.exportReady ?? exporter.meshReady ?? []), served.service],
        );
        this.proofs = Object.fromEntries(
            args.importers.map((importer) => [importer.cluster.name, this.createProof(name, args, importer, served)]),
        );
        this.registerOutputs({ exporter: exporter.cluster.name, importers: Object.keys(this.proofs) });
    }

    /** Options placing a child in a member's cluster, after its plain dependencies and `dependsOn`. */
    private at(member: McDemoMember, dependsOn: readonly pulumi.Resource[]): pulumi.CustomResourceOptions {
        return inClusterOptions(member.cluster, this, { dependsOn: [...member.dependsOn, ...dependsOn] });
    }

    /** The exporter's side: Namespace, answer ConfigMap, `web` Deployment, Service and (stretched policies) its policy. */
    private createServer(name: string, args: AntreaMulticlusterDemoArgs): DemoServer {
        const { exporter } = args;
        const server = mcDemoServer(exporter.cluster.name);
        const namespace = new k8s.core.v1.Namespace(
            `${name}-${exporter.cluster.name}-namespace`,
            { metadata: { name: MC_DEMO_NAMESPACE } },
            this.at(exporter, []),
        );
        const answer = new k8s.core.v1.ConfigMap(
            `${name}-${exporter.cluster.name}-answer`,
            server.configMap,
            this.at(exporter, [namespace]),
        );
        const web = new k8s.apps.v1.Deployment(`${name}-${exporter.cluster.name}-web`, server.deployment, this.at(exporter, [answer]));
        const service = new k8s.core.v1.Service(`${name}-${exporter.cluster.name}-service`, server.service, this.at(exporter, [namespace]));
        const policy = args.stretchedNetworkPolicy
            ? [
                  new k8s.apiextensions.CustomResource(
                      `${name}-${exporter.cluster.name}-policy`,
                      { ...mcDemoPolicy() },
                      this.at(exporter, [namespace]),
                  ),
              ]
            : [];
        return { web, service, policy };
    }

    /** One importer's Namespace, client Pods and bounded proof that the exported Service answers from it. */
    private createProof(name: string, args: AntreaMulticlusterDemoArgs, importer: McDemoMember, served: DemoServer): command.local.Command {
        const { exporter } = args;
        const prefix = `${name}-${importer.cluster.name}`;
        const importerNamespace = new k8s.core.v1.Namespace(
            `${prefix}-namespace`,
            { metadata: { name: MC_DEMO_NAMESPACE } },
            this.at(importer, []),
        );
        const clients = [
            new k8s.apps.v1.Deployment(`${prefix}-client`, mcDemoClient(), this.at(importer, [importerNamespace])),
            ...(args.stretchedNetworkPolicy
                ? [
                      new k8s.apps.v1.Deployment(
                          `${prefix}-${MC_DEMO_OUTSIDER}`,
                          mcDemoClient(MC_DEMO_OUTSIDER),
                          this.at(importer, [importerNamespace]),
                      ),
                  ]
                : []),
        ];
        return clusterScript(
            `${prefix}-proof`,
            {
                cluster: importer.cluster,
                script: proofScript(args, importer),
                // The one place that crosses members on purpose: the proof needs the other member's export and its ClusterSet.
                dependsOn: [
                    ...importer.dependsOn,
                    ...(importer.meshReady ?? []),
                    ...(exporter.meshReady ?? []),
                    ...clients,
                    served.web,
                    ...served.policy,
                    this.serviceExport,
                ],
                triggers: [exporter.cluster.incarnation, exporter.fingerprint ?? "", importer.fingerprint ?? ""],
            },
            this,
        );
    }
}
