// Pure objects of a ClusterSet: the ClusterSets, per-member access on the leader, the member's token Secret, the gateway.
import {
    CLUSTER_ID_ANNOTATION,
    CLUSTERSET_API_VERSION,
    GATEWAY_ANNOTATION,
    GATEWAY_IP_ANNOTATION,
    MEMBER_NAMESPACE,
    MEMBER_ROLE,
} from "../release";

/** A ClusterSet custom resource (v1alpha2). */
export interface ClusterSetObject {
    /** `multicluster.crd.antrea.io/v1alpha2`. */
    readonly apiVersion: typeof CLUSTERSET_API_VERSION;
    /** `ClusterSet`. */
    readonly kind: "ClusterSet";
    /** The ClusterSet ID as name, in the controller's namespace. */
    readonly metadata: { readonly name: string; readonly namespace: string };
    /** This cluster's ID, the leader (with server and token Secret on members) and the leader namespace. */
    readonly spec: {
        readonly clusterID: string;
        readonly leaders: readonly { readonly clusterID: string; readonly server?: string; readonly secret?: string }[];
        readonly namespace: string;
    };
}

/** The leader's ClusterSet, in the leader namespace (`antctl mc init`). */
export function leaderClusterSet(clusterSetId: string, leaderId: string, namespace: string): ClusterSetObject {
    return {
        apiVersion: CLUSTERSET_API_VERSION,
        kind: "ClusterSet",
        metadata: { name: clusterSetId, namespace },
        spec: { clusterID: leaderId, leaders: [{ clusterID: leaderId }], namespace },
    };
}

/** What a member's ClusterSet points at. */
export interface MemberJoin {
    /** ClusterSet ID. */
    readonly clusterSetId: string;
    /** This member's cluster ID. */
    readonly memberId: string;
    /** The leader's cluster ID. */
    readonly leaderId: string;
    /** The leader API URL the member's controller reaches (it runs in host network: a Node-reachable address). */
    readonly leaderServer: string;
    /** The leader namespace. */
    readonly leaderNamespace: string;
}

/** Name of a member's ServiceAccount, RoleBinding (leader) and token Secret (`-token`, leader and member). */
export function memberAccessName(memberId: string): string {
    return `member-${memberId}`;
}

/** A member's ClusterSet, in kube-system (`antctl mc join`). */
export function memberClusterSet(join: MemberJoin): ClusterSetObject {
    return {
        apiVersion: CLUSTERSET_API_VERSION,
        kind: "ClusterSet",
        metadata: { name: join.clusterSetId, namespace: MEMBER_NAMESPACE },
        spec: {
            clusterID: join.memberId,
            leaders: [{ clusterID: join.leaderId, server: join.leaderServer, secret: `${memberAccessName(join.memberId)}-token` }],
            namespace: join.leaderNamespace,
        },
    };
}

/** Spec paths the ClusterSet webhook keeps immutable: a change replaces the object (delete first: one per namespace). */
export const CLUSTERSET_IMMUTABLE_PATHS = ["spec.clusterID", "spec.leaders[*].clusterID"] as const;

/** One member's access objects in the leader namespace (antrea docs/multicluster/user-guide.md, v2.7.0). */
export interface MemberAccessObjects {
    /** ServiceAccount annotated with the member's cluster ID. */
    readonly serviceAccount: { metadata: { name: string; namespace: string; annotations: Record<string, string> } };
    /** Token Secret the token controller fills in (Pulumi waits for `data.token`). */
    readonly tokenSecret: { metadata: { name: string; namespace: string; annotations: Record<string, string> }; type: string };
    /** RoleBinding to `antrea-mc-member-cluster-role`. */
    readonly roleBinding: {
        metadata: { name: string; namespace: string };
        roleRef: { apiGroup: string; kind: string; name: string };
        subjects: { kind: string; name: string; namespace: string }[];
    };
}

/** The leader-side access objects of one member. */
export function memberAccessObjects(memberId: string, namespace: string): MemberAccessObjects {
    const name = memberAccessName(memberId);
    return {
        serviceAccount: { metadata: { name, namespace, annotations: { [CLUSTER_ID_ANNOTATION]: memberId } } },
        tokenSecret: {
            metadata: {
                name: `${name}-token`,
                namespace,
                annotations: { "kubernetes.io/service-account.name": name, "pulumi.com/waitFor": "jsonpath={.data.token}" },
            },
            type: "kubernetes.io/service-account-token",
        },
        roleBinding: {
            metadata: { name, namespace },
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: MEMBER_ROLE },
            subjects: [{ kind: "ServiceAccount", name, namespace }],
        },
    };
}

/** Metadata of the member's copy of its token (Opaque; the controller reads only `ca.crt` and `token`). */
export function memberTokenMetadata(memberId: string): { name: string; namespace: string } {
    return { name: `${memberAccessName(memberId)}-token`, namespace: MEMBER_NAMESPACE };
}

/** The Node patch that makes a Node the member's Multi-cluster Gateway (and optionally pins its tunnel IP). */
export function gatewayNodePatch(node: string, gatewayIp?: string): { metadata: { name: string; annotations: Record<string, string> } } {
    return {
        metadata: {
            name: node,
            annotations: {
                [GATEWAY_ANNOTATION]: "true",
                ...(gatewayIp ? { [GATEWAY_IP_ANNOTATION]: gatewayIp } : {}),
                "pulumi.com/patchForce": "true",
            },
        },
    };
}
