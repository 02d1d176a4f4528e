// AviGslb: AMKO in every member cluster (one leader), a least-privilege identity per member, the policy from typed config.
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../cluster";
import { ClusterAccess, clusterAccess, inClusterOptions } from "../shared/cluster-access";
import { optionDependencies } from "../shared/schema-types";
import { base64 } from "../shared/base64";
import { helmRelease, valuesChecksum } from "../shared/helm";
import { DEFAULT_WAIT_SECONDS, clusterScript } from "../shared/kubectl-wait";
import { sha256 } from "../shared/shell";
import { whenComputed } from "../shared/mock-tolerance";
import { ConfigValidationError } from "../shared/validation";
import { AmkoMemberAccess, amkoMemberAccess } from "./access";
import { AMKO_OBJECTS, amkoLeaderLines, restartGateScript } from "./health";
import { gslbMembersKubeconfig } from "./kubeconfig";
import { GslbSettings } from "./types";
import { validateGslb } from "./validate-gslb";
import { AMKO_CHART, amkoValues } from "./values";
import { defaultVersions } from "../versions";

/** Name and key of the Secret AMKO mounts as `GSLB_CONFIG` (chart templates/statefulset.yaml). */
export const GSLB_MEMBERS_SECRET = { name: "gslb-config-secret", key: "gslb-members" } as const;

/** One GSLB member. */
export interface AviGslbMember {
    /** The cluster, as data or a provisioner's (its name is its context in the federation). */
    readonly cluster: Cluster;
}

/**
 * Inputs of {@link AviGslb}. What AMKO waits for goes in `opts.dependsOn`: every member's AKO (`AviIngress.ready`:
 * the avi-system namespace and a running AKO).
 */
export interface AviGslbArgs {
    /** The members, at least 2. */
    readonly members: AviGslbMember[];
    /** The AMKO leader (a member's cluster name); plain: known at preview. */
    readonly leader: string;
    /** AMKO chart version; plain: known at preview; @default `defaultVersions.amko` (components/versions.ts). */
    readonly version?: string;
    /** AMKO settings and the GlobalDeploymentPolicy. */
    readonly settings: GslbSettings;
    /** The GSLB leader controller's password (a secret). */
    readonly password: pulumi.Input<string>;
    /** Bound of each gate (one deadline per script); @default 600 s. */
    readonly readyTimeoutSeconds?: number;
}

/** The `gslb-members` kubeconfig from every member's AMKO identity, as a secret. */
export function gslbMembersSecretText(access: readonly AmkoMemberAccess[]): pulumi.Output<string> {
    return pulumi.secret(pulumi.all(access.map((entry) => entry.context)).apply(gslbMembersKubeconfig));
}

/** What resources that need AMKO must depend on, per AviGslb and cluster name (TypeScript only: the schema carries no resource list). */
const readiness = new WeakMap<AviGslb, Record<string, pulumi.Resource[]>>();

/** What one member's install left for the gates. */
interface MemberInstall {
    /** The member's cluster (its access). */
    readonly cluster: ClusterAccess;
    /** Its AMKO release. */
    readonly release: k8s.helm.v3.Release;
    /** The release values (their checksum re-runs the gate). */
    readonly values: Record<string, unknown>;
}

/**
 * AMKO on every member in `avi-system`: the leader federates the GSLBConfig and the GlobalDeploymentPolicy (rendered
 * by the chart from typed values) to the followers. Each member gets the same `gslb-config-secret`, whose contexts
 * authenticate as each member's `amko-member` ServiceAccount (read access plus the federated objects, never
 * cluster-admin); the controller password reaches the chart's `gslb-avi-secret` only through the (secret) release
 * values. A gate per member restarts AMKO whenever its values or the members' kubeconfig change (AMKO reads both
 * only at start); the leader's gate also waits until it federated to every member and its GSLBConfig is accepted.
 */
export class AviGslb extends pulumi.ComponentResource {
    /** The AMKO release of each member, by cluster name. */
    readonly releases: Record<string, k8s.helm.v3.Release>;

    constructor(name: string, args: AviGslbArgs, opts?: pulumi.ComponentResourceOptions) {
        const contexts = args.members.map((member) => member.cluster.name);
        const issues = validateGslb(
            args.settings,
            { members: contexts, leader: args.leader },
            {
                gslb: "settings",
                leaderController: "settings.controller.host",
                host: "settings.controller.host",
                version: "settings.controller.version",
                tenant: "settings.controller.tenant",
            },
        );
        if (issues.length > 0) {
            throw new ConfigValidationError(`AviGslb ${name}`, issues);
        }
        super("multicluster:avi:AviGslb", name, {}, opts);
        const dependsOn = optionDependencies(opts);
        const clusters = args.members.map((member) => clusterAccess(member.cluster, this, name));
        const access = clusters.map((cluster) => amkoMemberAccess(`${name}-${cluster.name}-access`, cluster, dependsOn, this));
        const kubeconfig = gslbMembersSecretText(access);
        const membersChecksum = pulumi.secret(whenComputed(kubeconfig, sha256));
        const password = pulumi.secret(args.password);
        const installs = clusters.map((cluster) =>
            this.install(`${name}-${cluster.name}`, { cluster, dependsOn }, contexts, { kubeconfig, password }, args),
        );
        const followers = installs.filter((entry) => entry.cluster.name !== args.leader);
        const followerGates = followers.map((entry) => this.gate(`${name}-${entry.cluster.name}`, entry, membersChecksum, args, []));
        const leaderGates = installs
            .filter((entry) => entry.cluster.name === args.leader)
            .map((entry) => this.gate(`${name}-${entry.cluster.name}`, entry, membersChecksum, args, followerGates));
        const gates = [...followerGates, ...leaderGates];
        this.releases = Object.fromEntries(installs.map((entry) => [entry.cluster.name, entry.release]));
        readiness.set(
            this,
            Object.fromEntries(
                installs.map((entry) => [
                    entry.cluster.name,
                    [entry.release, ...gates.filter((gate) => gate.cluster === entry.cluster.name).map((gate) => gate.command)],
                ]),
            ),
        );
        this.registerOutputs({ leader: args.leader, members: contexts });
    }

    /** What resources that need AMKO must depend on, by cluster name. */
    get ready(): Readonly<Record<string, readonly pulumi.Resource[]>> {
        return readiness.get(this) ?? {};
    }

    /** The members Secret and the AMKO release in one member. */
    private install(
        prefix: string,
        member: { readonly cluster: ClusterAccess; readonly dependsOn: readonly pulumi.Input<pulumi.Resource>[] },
        contexts: readonly string[],
        secrets: { readonly kubeconfig: pulumi.Output<string>; readonly password: pulumi.Output<string> },
        args: AviGslbArgs,
    ): MemberInstall {
        const { cluster } = member;
        const { kubeconfig, password } = secrets;
        const secret = new k8s.core.v1.Secret(
            `${prefix}-members`,
            {
                metadata: { name: GSLB_MEMBERS_SECRET.name, namespace: AMKO_CHART.namespace },
                type: "Opaque",
                data: { [GSLB_MEMBERS_SECRET.key]: kubeconfig.apply(base64) },
            },
            { ...inClusterOptions(cluster, this, { dependsOn: [...member.dependsOn] }), additionalSecretOutputs: ["data"] },
        );
        const values = amkoValues(
            args.settings,
            { currentContext: cluster.name, contexts, isLeader: cluster.name === args.leader },
            password,
        );
        const release = helmRelease(
            `${prefix}-release`,
            {
                cluster,
                chart: AMKO_CHART,
                version: args.version ?? defaultVersions.amko,
                values,
                // After opts.dependsOn through the Secret (helmRelease takes resources, not the Inputs opts may hold).
                dependsOn: [secret],
            },
            this,
        );
        return { cluster, release, values };
    }

    /**
     * The member's gate: restart AMKO and wait for it, re-run whenever its values or the members' kubeconfig change.
     * The leader's runs after every follower's (its federator validates them only when it reconciles, at start).
     */
    private gate(
        prefix: string,
        entry: MemberInstall,
        membersChecksum: pulumi.Output<string>,
        args: AviGslbArgs,
        after: readonly { command: command.local.Command }[],
    ): { cluster: string; command: command.local.Command } {
        const timeoutSeconds = args.readyTimeoutSeconds ?? DEFAULT_WAIT_SECONDS;
        const leader = entry.cluster.name === args.leader ? amkoLeaderLines(timeoutSeconds) : {};
        const gate = clusterScript(
            `${prefix}-running`,
            {
                cluster: entry.cluster,
                script: restartGateScript({
                    cluster: entry.cluster.name,
                    what: "AMKO",
                    timeoutSeconds,
                    ...leader,
                    statefulSet: { name: AMKO_OBJECTS.statefulSet, namespace: AMKO_CHART.namespace },
                }),
                dependsOn: [entry.release, ...after.map((other) => other.command)],
                triggers: [valuesChecksum(entry.values), membersChecksum, args.version],
            },
            this,
        );
        return { cluster: entry.cluster.name, command: gate };
    }
}
