// AntreaClusterSet: leader controller and ClusterSet, then per member its access, controller, token, gateway and gates.
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../../cluster";
import { clusterAccess, dependencyOn, inClusterGroupOptions, inClusterOptions } from "../../shared/cluster-access";
import { DEFAULT_WAIT_SECONDS } from "../../shared/kubectl-wait";
import { optionDependencies } from "../../shared/schema-types";
import { ConfigValidationError } from "../../shared/validation";
import { AntreaAgentFacts } from "../types";
import {
    AntreaClusterSetArgs,
    WiredClusterSetArgs,
    WiredEntry,
    antreaVersionOf,
    clusterIdOf,
    leaderNamespaceOf,
    memberMcConfig,
} from "./types";
import { clusterSetArgsIssues } from "./validate";
import { buildMember } from "./member";
import { clusterSetResource, fetchAsset } from "./parts";
import { memberFingerprint } from "./plan";
import { leaderClusterSet } from "./manifests";
import { AntreaMcController } from "./controller";
import { leaderMcConfig, mcConfigChecksum, mcConfigMap } from "./mc-config";
import { LEADER_CRDS, MEMBER_NAMESPACE, releaseAssetUrl } from "../release";

/** What the leader is built from besides the ClusterSet's args. */
interface LeaderContext {
    /** The leader namespace. */
    readonly namespace: string;
    /** Bound of each wait, in seconds. */
    readonly timeout: number;
    /** The `leader-namespaced` manifest (the fetch's stdout). */
    readonly manifest: pulumi.Output<string>;
}

/** The leader's objects that members and outputs refer to. */
interface BuiltLeader {
    /** The leader namespace. */
    readonly namespace: k8s.core.v1.Namespace;
    /** The leader's CRDs (`leader-global`). */
    readonly crds: k8s.yaml.v2.ConfigFile;
    /** The leader's controller. */
    readonly controller: AntreaMcController;
    /** The leader's ClusterSet. */
    readonly clusterSet: k8s.apiextensions.CustomResource;
}

/** What a ClusterSet keeps for TypeScript users beside its schema outputs. */
interface ClusterSetInternals {
    /** The leader's controller. */
    readonly leaderController: AntreaMcController;
    /** The leader's ClusterSet. */
    readonly leaderClusterSet: k8s.apiextensions.CustomResource;
    /** Each member's ClusterSet, by cluster name. */
    readonly memberClusterSets: Readonly<Record<string, k8s.apiextensions.CustomResource>>;
    /** Each member's controller, by cluster name. */
    readonly memberControllers: Readonly<Record<string, AntreaMcController>>;
    /** What later resources of each cluster must depend on, by cluster name. */
    readonly ready: Readonly<Record<string, readonly pulumi.Resource[]>>;
}

const internals = new WeakMap<AntreaClusterSet, ClusterSetInternals>();

function internalsOf(clusterSet: AntreaClusterSet): ClusterSetInternals {
    const found = internals.get(clusterSet);
    if (!found) {
        throw new Error("internal: AntreaClusterSet read before its constructor finished");
    }
    return found;
}

/**
 * The args with every cluster's access (`clusterAccess`, once per cluster: a dual-role leader shares its member's)
 * and what its objects wait for: its Antrea's `ready` and the ClusterSet's `opts.dependsOn`.
 */
function wireClusterSet(
    args: AntreaClusterSetArgs,
    component: pulumi.ComponentResource,
    name: string,
    opts: pulumi.ComponentResourceOptions | undefined,
): WiredClusterSetArgs {
    const extra = optionDependencies(opts);
    const wire = <T extends { readonly cluster: Cluster; readonly antrea?: AntreaAgentFacts }>(entry: T): T & WiredEntry => ({
        ...entry,
        cluster: clusterAccess(entry.cluster, component, name),
        dependsOn: [...(entry.antrea?.ready !== undefined ? [dependencyOn(entry.antrea.ready)] : []), ...extra],
    });
    return { ...args, leader: wire(args.leader), members: args.members.map(wire) };
}

/** Each member's fingerprint by cluster name, from its own MC config checksum and the leader's. */
function memberFingerprints(args: AntreaClusterSetArgs, leaderChecksum: string): Record<string, pulumi.Output<string>> {
    return Object.fromEntries(
        args.members.map((member) => [
            member.cluster.name,
            memberFingerprint(args, member, {
                member: mcConfigChecksum(mcConfigMap(MEMBER_NAMESPACE, memberMcConfig(args, member))),
                leader: leaderChecksum,
            }),
        ]),
    );
}

/** The release's leader (namespaced) and member manifests, fetched at deploy time under `parent`. */
function fetchManifests(name: string, version: string, parent: pulumi.Resource): [command.local.Command, command.local.Command] {
    return [
        fetchAsset(`${name}-fetch-leader-manifest`, version, "antrea-multicluster-leader-namespaced.yml", parent),
        fetchAsset(`${name}-fetch-member-manifest`, version, "antrea-multicluster-member.yml", parent),
    ];
}

/**
 * Antrea Multi-cluster without antctl: one leader (dedicated, or also a member) and N members. The leader's
 * CRDs come from the pinned `leader-global` asset, its controller from the `leader-namespaced` asset (webhook
 * configurations before the Deployment); each member gets a ServiceAccount, token Secret and RoleBinding on the
 * leader, its own controller from the `member` asset, the token as a Pulumi secret, its gateway Node annotation and
 * its ClusterSet. `up` ends when every member's ClusterSet is Ready and the leader counts every member Ready.
 * Members depend on the leader's objects and their own, never on another member; destroy runs the other way,
 * each member draining its MemberClusterAnnounce and ResourceExports before the leader's ClusterSet and CRDs go.
 */
export class AntreaClusterSet extends pulumi.ComponentResource {
    /** Each member's token Secret (its copy, a secret), by cluster name. */
    readonly memberTokens: Record<string, k8s.core.v1.Secret>;
    /** Each member's gates (connected with a Gateway, peers imported, re-export, counted Ready by the leader), by cluster name. */
    readonly gates: Record<string, command.local.Command[]>;
    /** Each member's fingerprint (everything its gates vouch for), by cluster name: a proof relying on it re-runs with it. */
    readonly fingerprints: Record<string, pulumi.Output<string>>;
    /** Cluster IDs by cluster name. */
    readonly clusterIds: Record<string, string>;

    constructor(name: string, args: AntreaClusterSetArgs, opts?: pulumi.ComponentResourceOptions) {
        const issues = clusterSetArgsIssues(args);
        if (issues.length > 0) {
            throw new ConfigValidationError(`AntreaClusterSet ${name}`, issues);
        }
        super("multicluster:antrea:AntreaClusterSet", name, {}, opts);
        const wired = wireClusterSet(args, this, name, opts);
        const namespace = leaderNamespaceOf(args);
        const timeout = args.healthTimeoutSeconds ?? DEFAULT_WAIT_SECONDS;
        const [leaderManifest, memberManifest] = fetchManifests(name, antreaVersionOf(args), this);
        const built = this.buildLeader(name, wired, { namespace, timeout, manifest: leaderManifest.stdout });
        this.fingerprints = memberFingerprints(args, built.controller.configChecksum);
        const members = wired.members.map((member) =>
            buildMember(
                `${name}-member-${member.cluster.name}`,
                {
                    args: wired,
                    member,
                    namespace,
                    timeout,
                    memberManifest: memberManifest.stdout,
                    leaderCrds: built.crds,
                    fingerprints: this.fingerprints,
                    leaderObjects: [built.namespace, ...built.controller.ready],
                    leaderClusterSet: built.clusterSet,
                    access: `${name}-access-${member.cluster.name}`,
                },
                this,
            ),
        );
        const byName = <T>(pick: (built: (typeof members)[number]) => T): Record<string, T> =>
            Object.fromEntries(members.map((built, i) => [args.members[i].cluster.name, pick(built)]));
        this.memberTokens = byName((built) => built.token);
        this.gates = byName((built) => [...built.gates]);
        this.clusterIds = Object.fromEntries([args.leader, ...args.members].map((entry) => [entry.cluster.name, clusterIdOf(entry)]));
        internals.set(this, {
            leaderController: built.controller,
            leaderClusterSet: built.clusterSet,
            memberControllers: byName((built) => built.controller),
            memberClusterSets: byName((built) => built.clusterSet),
            ready: { [args.leader.cluster.name]: [...built.controller.ready, built.clusterSet], ...byName((built) => built.gates) },
        });
        this.registerOutputs({ clusterSetId: args.clusterSetId, namespace, clusterIds: this.clusterIds });
    }

    /** The leader's controller. */
    get leaderController(): AntreaMcController {
        return internalsOf(this).leaderController;
    }

    /** The leader's ClusterSet. */
    get leaderClusterSet(): k8s.apiextensions.CustomResource {
        return internalsOf(this).leaderClusterSet;
    }

    /** Each member's ClusterSet, by cluster name. */
    get memberClusterSets(): Readonly<Record<string, k8s.apiextensions.CustomResource>> {
        return internalsOf(this).memberClusterSets;
    }

    /** Each member's controller, by cluster name. */
    get memberControllers(): Readonly<Record<string, AntreaMcController>> {
        return internalsOf(this).memberControllers;
    }

    /** What later resources of each cluster (leader and members) must depend on, by cluster name. */
    get ready(): Readonly<Record<string, readonly pulumi.Resource[]>> {
        return internalsOf(this).ready;
    }

    /** The leader's Namespace, CRDs, controller (webhook configurations before its Deployment) and ClusterSet. */
    private buildLeader(name: string, args: WiredClusterSetArgs, context: LeaderContext): BuiltLeader {
        const { namespace } = context;
        const leader = args.leader.cluster;
        const namespaceObject = new k8s.core.v1.Namespace(
            `${name}-leader-namespace`,
            { metadata: { name: namespace } },
            inClusterOptions(leader, this, { dependsOn: [...args.leader.dependsOn] }),
        );
        const crds = new k8s.yaml.v2.ConfigFile(
            `${name}-leader-crds`,
            { file: releaseAssetUrl(antreaVersionOf(args), "antrea-multicluster-leader-global.yml") },
            inClusterGroupOptions(leader, this, { dependsOn: [...args.leader.dependsOn] }),
        );
        const controller = new AntreaMcController(
            `${name}-leader`,
            {
                cluster: leader,
                role: "leader",
                namespace,
                manifest: context.manifest,
                config: leaderMcConfig(args.stretchedNetworkPolicy ?? false),
                renameLeaderNamespace: true,
                crds: LEADER_CRDS,
                timeoutSeconds: context.timeout,
                webhooks: [
                    { kind: "validatingwebhookconfiguration", name: `${namespace}-antrea-mc-validating-webhook-configuration` },
                    { kind: "mutatingwebhookconfiguration", name: `${namespace}-antrea-mc-mutating-webhook-configuration` },
                ],
                dependsOn: [namespaceObject, crds, ...args.leader.dependsOn],
            },
            { parent: this },
        );
        const clusterSet = clusterSetResource(
            `${name}-leader-clusterset`,
            leader,
            leaderClusterSet(args.clusterSetId, clusterIdOf(args.leader), namespace),
            controller.ready,
            this,
        );
        return { namespace: namespaceObject, crds, controller, clusterSet };
    }
}
