// Valid but risky choices, reported as warnings when the stack loads (they never stop `pulumi up`).
import { endpointUrl } from "../../components/cluster";
import { splitHostPort } from "../../components/network/address-checks";
import { StackConfig } from "./types";

/**
 * One sentence per risky choice of the config itself: a bastion without `apiServerUrl`. The areas add theirs
 * (an L2 pool off the nodes' network, versions outside what AVI or CN2 were published for): `stackWarnings` in
 * stacks/validate.ts.
 */
export function configWarnings(config: StackConfig): string[] {
    return bastionWarnings(config);
}

/**
 * With `ssh.bastion`, the nodes sit behind a jump host, but Pulumi's Kubernetes
 * provider and the local wait scripts dial each kubeadm cluster's API directly: without `apiServerUrl` (a tunnel
 * or a public name this machine reaches) they would dial the control-plane endpoint, which is usually unreachable.
 */
function bastionWarnings(config: StackConfig): string[] {
    if (!config.ssh.bastion) {
        return [];
    }
    return config.clusters.flatMap((cluster, index) => {
        if (cluster.provisioner !== "kubeadm" || cluster.apiServerUrl !== undefined) {
            return [];
        }
        const endpoint = splitHostPort(cluster.controlPlaneEndpoint);
        const url = endpoint ? endpointUrl(endpoint) : `https://${cluster.controlPlaneEndpoint}`;
        return [
            `clusters[${index}].apiServerUrl is not set while ssh.bastion is: Pulumi and the local wait scripts will dial ${url} directly, ` +
                `which a bastion setup usually cannot reach; set clusters[${index}].apiServerUrl to a URL this machine reaches ` +
                "(e.g. https://127.0.0.1:16443 through `ssh -L 16443:<endpoint> <bastion>`).",
        ];
    });
}
