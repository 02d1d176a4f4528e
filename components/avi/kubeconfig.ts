// The `gslb-members` kubeconfig AMKO reads: one context per member, built from each cluster's own kubeconfig.
import { base64 } from "../shared/base64";
import { fromYaml, toYaml } from "../shared/yaml";

/** One member context of the GSLB kubeconfig. */
export interface GslbMemberContext {
    /** Context name (also the AMKO member name). */
    readonly context: string;
    /** API server URL as AMKO's Pods in the other clusters reach it (the Cluster contract's endpoint). */
    readonly server: string;
    /** The cluster CA (PEM). */
    readonly caCertPem: string;
    /** The cluster's kubeconfig, whose current user's credentials are taken (secret). */
    readonly kubeconfig: string;
}

interface ParsedKubeconfig {
    readonly "current-context"?: string;
    readonly contexts?: readonly { readonly name: string; readonly context?: { readonly user?: string } }[];
    readonly users?: readonly { readonly name: string; readonly user?: Record<string, unknown> }[];
}

/** The current user's credentials of a kubeconfig; throws (without the text) when there is none. */
export function currentUser(kubeconfig: string, context: string): Record<string, unknown> {
    const parsed = (kubeconfig ? fromYaml(kubeconfig) : undefined) as ParsedKubeconfig | undefined;
    const userName = parsed?.contexts?.find((entry) => entry.name === parsed["current-context"])?.context?.user;
    const user = parsed?.users?.find((entry) => entry.name === userName)?.user ?? parsed?.users?.[0]?.user;
    if (!user || Object.keys(user).length === 0) {
        throw new Error(`the kubeconfig of GSLB member ${context} has no user credentials`);
    }
    return user;
}

/**
 * The multi-context kubeconfig of every GSLB member (secret: it holds credentials). Servers and CAs come from the
 * Cluster contract, so AMKO reaches every member the way other clusters do, not the way Pulumi does.
 */
export function gslbMembersKubeconfig(members: readonly GslbMemberContext[]): string {
    return toYaml({
        apiVersion: "v1",
        kind: "Config",
        clusters: members.map((member) => ({
            name: member.context, cluster: { server: member.server, "certificate-authority-data": base64(member.caCertPem) },
        })),
        users: members.map((member) => ({ name: member.context, user: currentUser(member.kubeconfig, member.context) })),
        contexts: members.map((member) => ({ name: member.context, context: { cluster: member.context, user: member.context } })),
        "current-context": members[0]?.context ?? "",
        preferences: {},
    });
}
