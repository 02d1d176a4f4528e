// The least-privilege identity AMKO uses in one member cluster: a ServiceAccount, its token, and only the rights AMKO exercises.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { endpointUrl } from "../cluster";
import { ClusterAccess, inClusterOptions } from "../shared/cluster-access";
import { fromBase64 } from "../shared/base64";
import { GslbMemberContext } from "./kubeconfig";

/** Namespace AMKO's objects live in (hardcoded by the chart's GDP template and the federator's `AviSystemNS`). */
export const AMKO_NAMESPACE = "avi-system";

/** Names of the member identity's objects (the same in every member cluster). */
export const MEMBER_ACCESS = {
    serviceAccount: "amko-member",
    clusterRole: "amko-member-read",
    role: "amko-member-federation",
    tokenSecret: "amko-member-token",
} as const;

/** One RBAC rule. */
export interface PolicyRule {
    /** API groups ("" is core). */
    readonly apiGroups: readonly string[];
    /** Resources. */
    readonly resources: readonly string[];
    /** Verbs. */
    readonly verbs: readonly string[];
}

/**
 * Cluster-wide rights AMKO uses through a member's context (AMKO@release-2.1.1): `gslb/ingestion/gslb.go`
 * `InformersToRegister`/`InitializeMemberCluster` list and watch Services, Namespaces, Ingresses (Routes only on
 * OpenShift, where the discovery fallback is not taken) and AKO HostRules; `member_controllers.go` records Events.
 */
export function memberClusterRules(): PolicyRule[] {
    const read = ["get", "list", "watch"];
    return [
        { apiGroups: [""], resources: ["services", "namespaces"], verbs: read },
        { apiGroups: ["networking.k8s.io"], resources: ["ingresses"], verbs: read },
        { apiGroups: ["ako.vmware.com"], resources: ["hostrules"], verbs: read },
        { apiGroups: [""], resources: ["events"], verbs: ["create", "patch"] },
    ];
}

/**
 * Rights in avi-system the leader's federator uses on a follower (AMKO@release-2.1.1 `federator/controllers/utils.go`):
 * it lists AMKOClusters (`ValidateMemberClusters`) and lists, creates, updates and deletes (also all at once) the
 * federated GSLBConfig and GlobalDeploymentPolicy.
 */
export function memberNamespaceRules(): PolicyRule[] {
    return [
        { apiGroups: ["amko.vmware.com"], resources: ["amkoclusters"], verbs: ["get", "list"] },
        {
            apiGroups: ["amko.vmware.com"],
            resources: ["gslbconfigs", "globaldeploymentpolicies"],
            verbs: ["get", "list", "create", "update", "delete", "deletecollection"],
        },
    ];
}

const LABELS = { "app.kubernetes.io/managed-by": "pulumi", "app.kubernetes.io/part-of": "amko-federation" };
const metadata = { namespace: AMKO_NAMESPACE, labels: LABELS };
const subjects = [{ kind: "ServiceAccount", name: MEMBER_ACCESS.serviceAccount, namespace: AMKO_NAMESPACE }];
const roleRef = (kind: string, name: string) => ({ apiGroup: "rbac.authorization.k8s.io", kind, name });
const asMutable = (rules: readonly PolicyRule[]) =>
    rules.map((rule) => ({ apiGroups: [...rule.apiGroups], resources: [...rule.resources], verbs: [...rule.verbs] }));

/** What {@link amkoMemberAccess} created. */
export interface AmkoMemberAccess {
    /** This member's context in `gslb-members`, with its token (a secret Output). */
    readonly context: pulumi.Output<GslbMemberContext>;
    /** The ServiceAccount, roles, bindings and token Secret. */
    readonly resources: readonly pulumi.CustomResource[];
}

/** Options of one member-access child: in the member cluster, after the access's dependencies and `after`. */
type MemberOptions = (after?: readonly pulumi.Resource[], extra?: pulumi.CustomResourceOptions) => pulumi.CustomResourceOptions;

/** The member identity's rights: the read ClusterRole and its binding, the avi-system federation Role and its binding. */
function memberRbac(prefix: string, account: k8s.core.v1.ServiceAccount, opts: MemberOptions) {
    const clusterRole = new k8s.rbac.v1.ClusterRole(
        `${prefix}-read`,
        { metadata: { name: MEMBER_ACCESS.clusterRole, labels: LABELS }, rules: asMutable(memberClusterRules()) },
        opts(),
    );
    const clusterBinding = new k8s.rbac.v1.ClusterRoleBinding(
        `${prefix}-read-binding`,
        {
            metadata: { name: MEMBER_ACCESS.clusterRole, labels: LABELS },
            roleRef: roleRef("ClusterRole", MEMBER_ACCESS.clusterRole),
            subjects,
        },
        opts([clusterRole, account]),
    );
    const role = new k8s.rbac.v1.Role(
        `${prefix}-federation`,
        { metadata: { ...metadata, name: MEMBER_ACCESS.role }, rules: asMutable(memberNamespaceRules()) },
        opts(),
    );
    const binding = new k8s.rbac.v1.RoleBinding(
        `${prefix}-federation-binding`,
        {
            metadata: { ...metadata, name: MEMBER_ACCESS.role },
            roleRef: roleRef("Role", MEMBER_ACCESS.role),
            subjects,
        },
        opts([role, account]),
    );
    return { clusterRole, clusterBinding, role, binding };
}

/** The member identity's token Secret. */
function memberToken(prefix: string, account: k8s.core.v1.ServiceAccount, opts: MemberOptions): k8s.core.v1.Secret {
    // Created after its ServiceAccount (else the token controller deletes it); the provider waits for the token.
    return new k8s.core.v1.Secret(
        `${prefix}-token`,
        {
            metadata: {
                ...metadata,
                name: MEMBER_ACCESS.tokenSecret,
                annotations: {
                    "kubernetes.io/service-account.name": MEMBER_ACCESS.serviceAccount,
                    "pulumi.com/waitFor": "jsonpath={.data.token}",
                },
            },
            type: "kubernetes.io/service-account-token",
        },
        opts([account], { additionalSecretOutputs: ["data"] }),
    );
}

/**
 * The identity every AMKO uses for `cluster`: ServiceAccount `amko-member` in avi-system with a
 * `kubernetes.io/service-account-token` Secret (the provider waits until the token controller fills it), bound
 * to {@link memberClusterRules} and, in avi-system only, {@link memberNamespaceRules}. Deleting the Secret revokes
 * the token; the context names the server and CA of the Cluster contract (the address other clusters reach).
 */
export function amkoMemberAccess(
    prefix: string,
    cluster: ClusterAccess,
    dependsOn: readonly pulumi.Input<pulumi.Resource>[],
    parent: pulumi.Resource,
): AmkoMemberAccess {
    const opts: MemberOptions = (after = [], extra = {}) =>
        inClusterOptions(cluster, parent, { ...extra, dependsOn: [...dependsOn, ...after] });
    const account = new k8s.core.v1.ServiceAccount(
        `${prefix}-sa`,
        {
            metadata: {
                ...metadata,
                name: MEMBER_ACCESS.serviceAccount,
                annotations: { "kubernetes.io/description": "AMKO's access to this cluster from every GSLB member" },
            },
        },
        opts(),
    );
    const { clusterRole, clusterBinding, role, binding } = memberRbac(prefix, account, opts);
    const token = memberToken(prefix, account, opts);
    // Through both bindings' IDs, so no AMKO gets the token before its rights exist.
    const context = pulumi.all([token.data, cluster.caCertificate, clusterBinding.id, binding.id]).apply(([data, caCertPem]) => ({
        context: cluster.name,
        server: endpointUrl(cluster.endpoint),
        caCertPem,
        token: fromBase64(data?.token ?? ""),
    }));
    return { context: pulumi.secret(context), resources: [account, clusterRole, clusterBinding, role, binding, token] };
}
