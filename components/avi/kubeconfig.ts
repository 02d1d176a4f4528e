// The `gslb-members` kubeconfig AMKO reads: one context per member, each with that member's least-privilege token.
import { base64 } from "../shared/base64";
import { toYaml } from "../shared/yaml";

/** One member context of the GSLB kubeconfig. */
export interface GslbMemberContext {
    /** Context name (also the AMKO member name). */
    readonly context: string;
    /** API server URL as AMKO's Pods in the other clusters reach it (the Cluster contract's endpoint). */
    readonly server: string;
    /** The cluster CA (PEM). */
    readonly caCertPem: string;
    /** The member's `amko-member` ServiceAccount token (secret). */
    readonly token: string;
}

/**
 * The multi-context kubeconfig of every GSLB member (secret: it holds tokens), in the shape
 * `AMKO@release-2.1.1:docs/kubeconfig.md` describes. Servers and CAs come from the Cluster contract, so AMKO
 * reaches every member the way other clusters do, not the way Pulumi does; users are bearer tokens of the
 * per-member ServiceAccount, never a cluster-admin certificate. Throws (without the text) on an empty token.
 */
export function gslbMembersKubeconfig(members: readonly GslbMemberContext[]): string {
    const empty = members.find((member) => member.token === "");
    if (empty) {
        throw new Error(`the AMKO token of GSLB member ${empty.context} is empty (its token Secret was not filled in)`);
    }
    return toYaml({
        apiVersion: "v1",
        kind: "Config",
        clusters: members.map((member) => ({
            name: member.context,
            cluster: { server: member.server, "certificate-authority-data": base64(member.caCertPem) },
        })),
        users: members.map((member) => ({ name: `amko@${member.context}`, user: { token: member.token } })),
        contexts: members.map((member) => ({ name: member.context, context: { cluster: member.context, user: `amko@${member.context}` } })),
        "current-context": members[0]?.context ?? "",
        preferences: {},
    });
}
