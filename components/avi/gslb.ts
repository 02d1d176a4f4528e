// AviGslb: AMKO in every member cluster (one leader), the member kubeconfigs as a secret, the policy from typed config.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Cluster, endpointUrl, inClusterOptions } from "../cluster";
import { base64 } from "../shared/base64";
import { helmRelease, valuesChecksum } from "../shared/helm";
import { DEFAULT_WAIT_SECONDS, clusterScript, rolloutWaitScript } from "../shared/kubectl-wait";
import { ConfigValidationError } from "../shared/validation";
import { gslbMembersKubeconfig } from "./kubeconfig";
import { GslbSettings } from "./types";
import { validateGslb } from "./validate";
import { AMKO_CHART, amkoValues } from "./values";

/** Name and key of the Secret AMKO mounts as `GSLB_CONFIG` (chart templates/statefulset.yaml). */
export const GSLB_MEMBERS_SECRET = { name: "gslb-config-secret", key: "gslb-members" } as const;

/** One GSLB member. */
export interface AviGslbMember {
    /** The cluster (its name is its context in the federation). */
    readonly cluster: Cluster;
    /** Its AKO (`AviIngress.ready`: the avi-system namespace and a running AKO). */
    readonly dependsOn: readonly pulumi.Resource[];
}

/** Inputs of {@link AviGslb}. */
export interface AviGslbArgs {
    /** The members, at least 2. */
    readonly members: readonly AviGslbMember[];
    /** The AMKO leader (a member's cluster name). */
    readonly leader: string;
    /** AMKO chart version (`versions.amko`). */
    readonly version: string;
    /** AMKO settings and the GlobalDeploymentPolicy. */
    readonly settings: GslbSettings;
    /** The GSLB leader controller's password (a secret). */
    readonly password: pulumi.Input<string>;
    /** Bound of each wait; @default 600 s. */
    readonly readyTimeoutSeconds?: number;
}

/** The `gslb-members` kubeconfig of every member, from the clusters' kubeconfigs, as a secret. */
export function gslbMembersSecretText(members: readonly AviGslbMember[]): pulumi.Output<string> {
    const inputs = members.map((member) => pulumi.all([member.cluster.kubeconfig, member.cluster.caCertificate]).apply(([kubeconfig, caCertPem]) => ({
        context: member.cluster.name, server: endpointUrl(member.cluster.endpoint), caCertPem, kubeconfig,
    })));
    return pulumi.secret(pulumi.all(inputs).apply(gslbMembersKubeconfig));
}

/**
 * AMKO on every member in `avi-system`: the leader federates the GSLBConfig and the GlobalDeploymentPolicy (rendered
 * by the chart from typed values) to the followers. Each member gets the same `gslb-config-secret`; the controller
 * password reaches the chart's `gslb-avi-secret` only through the (secret) release values.
 */
export class AviGslb extends pulumi.ComponentResource {
    /** The AMKO release of each member, by cluster name. */
    readonly releases: Readonly<Record<string, k8s.helm.v3.Release>>;
    /** What resources that need AMKO must depend on, by cluster name. */
    readonly ready: Readonly<Record<string, readonly pulumi.Resource[]>>;

    constructor(name: string, args: AviGslbArgs, opts?: pulumi.ComponentResourceOptions) {
        const contexts = args.members.map((member) => member.cluster.name);
        const issues = validateGslb(args.settings, { members: contexts, leader: args.leader },
            { gslb: "settings", leaderController: "settings.controller.host", version: "settings.controller.version" });
        if (issues.length > 0) {
            throw new ConfigValidationError(`AviGslb ${name}`, issues);
        }
        super("multicluster:avi:AviGslb", name, {}, opts);
        const kubeconfig = gslbMembersSecretText(args.members);
        const password = pulumi.secret(args.password);
        const built = args.members.map((member) => this.member(`${name}-${member.cluster.name}`, member, contexts, kubeconfig, password, args));
        this.releases = Object.fromEntries(built.map((entry, i) => [contexts[i], entry.release]));
        this.ready = Object.fromEntries(built.map((entry, i) => [contexts[i], entry.ready]));
        this.registerOutputs({ leader: args.leader, members: contexts });
    }

    private member(prefix: string, member: AviGslbMember, contexts: readonly string[], kubeconfig: pulumi.Output<string>,
        password: pulumi.Output<string>, args: AviGslbArgs): { release: k8s.helm.v3.Release; ready: pulumi.Resource[] } {
        const { cluster } = member;
        const secret = new k8s.core.v1.Secret(`${prefix}-members`, {
            metadata: { name: GSLB_MEMBERS_SECRET.name, namespace: AMKO_CHART.namespace },
            type: "Opaque",
            data: { [GSLB_MEMBERS_SECRET.key]: kubeconfig.apply(base64) },
        }, { ...inClusterOptions(cluster, this, { dependsOn: [...member.dependsOn] }), additionalSecretOutputs: ["data"] });
        const values = amkoValues(args.settings, { currentContext: cluster.name, contexts, isLeader: cluster.name === args.leader }, password);
        const release = helmRelease(`${prefix}-release`, {
            cluster, chart: AMKO_CHART, version: args.version, values, dependsOn: [secret, ...member.dependsOn],
        }, this);
        const running = clusterScript(`${prefix}-running`, {
            cluster,
            script: rolloutWaitScript({
                cluster: cluster.name, what: "AMKO", timeoutSeconds: args.readyTimeoutSeconds ?? DEFAULT_WAIT_SECONDS,
                workloads: [{ kind: "statefulset", name: "amko", namespace: AMKO_CHART.namespace }],
            }),
            dependsOn: [release],
            triggers: [valuesChecksum(values)],
        }, this);
        return { release, ready: [release, running] };
    }
}
