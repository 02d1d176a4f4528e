// One member's access to the leader: ServiceAccount, token Secret and RoleBinding on the leader, the token copied to the member.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Cluster } from "../../cluster";
import { inClusterOptions } from "../../shared/cluster-access";
import { whenComputed } from "../../shared/mock-tolerance";
import { memberAccessObjects, memberTokenMetadata } from "./manifests";

/** The leader-side access objects of one member. */
export interface LeaderAccess {
    /** ServiceAccount `member-<id>` with the cluster-id annotation. */
    readonly serviceAccount: k8s.core.v1.ServiceAccount;
    /** Its token Secret, filled by the token controller (Pulumi waits for `data.token`). */
    readonly tokenSecret: k8s.core.v1.Secret;
    /** RoleBinding to `antrea-mc-member-cluster-role`. */
    readonly roleBinding: k8s.rbac.v1.RoleBinding;
}

/** Inputs of {@link createLeaderAccess}. */
export interface LeaderAccessArgs {
    /** The leader cluster. */
    readonly leader: Cluster;
    /** Leader namespace. */
    readonly namespace: string;
    /** The member's cluster ID. */
    readonly memberId: string;
    /** The namespace and the leader objects (the Role) they need. */
    readonly dependsOn: readonly pulumi.Resource[];
    /** Rotation generation of the token: raising it replaces the token Secret (a new token); @default 0. */
    readonly generation?: number;
}

/** Creates one member's ServiceAccount, token Secret and RoleBinding on the leader (children `<name>-account|token|binding`). */
export function createLeaderAccess(name: string, args: LeaderAccessArgs, parent: pulumi.Resource): LeaderAccess {
    const objects = memberAccessObjects(args.memberId, args.namespace);
    const options = (dependsOn: readonly pulumi.Resource[]) =>
        inClusterOptions(args.leader, parent, { dependsOn: [...args.dependsOn, ...dependsOn] });
    const serviceAccount = new k8s.core.v1.ServiceAccount(`${name}-account`, objects.serviceAccount, options([]));
    // Replaced (deleted first, as every in-cluster object) when the generation is raised: the token controller mints a new token.
    const tokenSecret = new k8s.core.v1.Secret(`${name}-token`, objects.tokenSecret, {
        ...options([serviceAccount]),
        additionalSecretOutputs: ["data"],
        replacementTrigger: args.generation ?? 0,
    });
    const roleBinding = new k8s.rbac.v1.RoleBinding(`${name}-binding`, objects.roleBinding, options([serviceAccount]));
    return { serviceAccount, tokenSecret, roleBinding };
}

/** The two keys the member controller reads from its token Secret (`getSecretCACrtAndToken`). */
const TOKEN_KEYS = ["ca.crt", "token"] as const;

/**
 * The member's copy of its token (Opaque, kube-system), built from the leader Secret's output: the value stays a
 * Pulumi secret from the leader's token controller to the member's API server, and is never written to a file
 * or a log.
 */
export function createMemberToken(
    name: string,
    member: Cluster,
    memberId: string,
    leaderToken: k8s.core.v1.Secret,
    parent: pulumi.Resource,
): k8s.core.v1.Secret {
    const data = pulumi.secret(
        whenComputed(leaderToken.data, (source) =>
            Object.fromEntries(
                TOKEN_KEYS.map((key) => {
                    const value = source?.[key];
                    if (value === undefined || value === "") {
                        throw new Error(`the leader's token Secret for member ${memberId} has no ${key} yet`);
                    }
                    return [key, value];
                }),
            ),
        ),
    );
    return new k8s.core.v1.Secret(
        name,
        {
            metadata: memberTokenMetadata(memberId),
            type: "Opaque",
            data,
        },
        { ...inClusterOptions(member, parent, { dependsOn: [leaderToken] }), additionalSecretOutputs: ["data"] },
    );
}
