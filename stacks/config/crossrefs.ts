// Rules that span config sections: mesh ↔ CNI, names referenced by the mesh, SSH for kubeadm hosts.
import { parseAddress, parseRange, rangeContains } from "../../components/network/cidr";
import { ValidationIssue, issue } from "../../components/shared/validation";
import { ClusterConfig, MeshConfig, CniConfig } from "./types";

/** What the SSH key config looks like to the validator (the key itself is never read here). */
export interface SshKeyPresence {
    /** `sshPrivateKey` is set. */
    readonly present: boolean;
    /** `sshPrivateKey` was set with `--secret`. */
    readonly secret: boolean;
}

/** Checks the mesh against the CNI and the cluster list,, and that the SSH key is a secret. */
export function checkCrossReferences(
    clusters: readonly ClusterConfig[],
    cni: CniConfig,
    mesh: MeshConfig,
    sshKey: SshKeyPresence,
): ValidationIssue[] {
    return [...checkMeshCni(cni, mesh), ...checkMeshNames(clusters, mesh), ...checkSshKey(sshKey)];
}

const requiredCni: Record<MeshConfig["kind"], CniConfig["kind"] | undefined> = {
    none: undefined,
    "cilium-clustermesh": "cilium",
    "antrea-multicluster": "antrea",
    linkerd: undefined,
    contrail: "none",
};

function checkMeshCni(cni: CniConfig, mesh: MeshConfig): ValidationIssue[] {
    const needed = requiredCni[mesh.kind];
    if (needed === undefined || needed === cni.kind) {
        return [];
    }
    return [issue("mesh.kind", mesh.kind, `needs cni.kind "${needed}" but cni.kind is "${cni.kind}"`,
        `set cni.kind to "${needed}" or choose another mesh`)];
}

/** Checks that every cluster name the mesh mentions exists. */
function checkNamed(path: string, name: string, names: ReadonlySet<string>): ValidationIssue[] {
    if (names.has(name)) {
        return [];
    }
    return [issue(path, name, "is not the name of a cluster in this stack",
        `use one of ${[...names].map((n) => JSON.stringify(n)).join(", ")}`)];
}

function checkMeshNames(clusters: readonly ClusterConfig[], mesh: MeshConfig): ValidationIssue[] {
    const names = new Set(clusters.map((cluster) => cluster.name));
    switch (mesh.kind) {
        case "none":
            return [];
        case "cilium-clustermesh":
            return checkCiliumMesh(clusters, mesh, names);
        case "antrea-multicluster":
            return [
                ...checkNamed("mesh.leader", mesh.leader, names),
                ...(mesh.members ?? []).flatMap((member, i) => checkNamed(`mesh.members[${i}]`, member, names)),
                ...Object.keys(mesh.gatewayNodes).flatMap((name) => checkNamed(`mesh.gatewayNodes.${name}`, name, names)),
            ];
        case "linkerd":
            return [
                ...(mesh.links ?? []).flatMap((link, i) => [
                    ...checkNamed(`mesh.links[${i}].from`, link.from, names),
                    ...checkNamed(`mesh.links[${i}].to`, link.to, names),
                    ...(link.from === link.to
                        ? [issue(`mesh.links[${i}].to`, link.to, "is the same cluster as from", "link two different clusters")]
                        : []),
                ]),
                ...Object.keys(mesh.gatewayIps).flatMap((name) => checkNamed(`mesh.gatewayIps.${name}`, name, names)),
            ];
        case "contrail":
            return checkNamed("mesh.central", mesh.central, names);
    }
}

function checkCiliumMesh(
    clusters: readonly ClusterConfig[],
    mesh: Extract<MeshConfig, { kind: "cilium-clustermesh" }>,
    names: ReadonlySet<string>,
): ValidationIssue[] {
    const found = Object.keys(mesh.apiServerIps).flatMap((name) => checkNamed(`mesh.apiServerIps.${name}`, name, names));
    clusters.forEach((cluster, index) => {
        if (cluster.name.length > 32 || cluster.name === "default") {
            found.push(issue(`clusters[${index}].name`, cluster.name,
                "cannot be a Cilium cluster name (at most 32 characters, and not \"default\")",
                "shorten or rename the cluster"));
        }
        const ip = mesh.apiServerIps[cluster.name];
        if (mesh.exposure !== "LoadBalancer") {
            return;
        }
        const path = `mesh.apiServerIps.${cluster.name}`;
        const address = ip === undefined ? undefined : parseAddress(ip);
        if (ip === undefined) {
            found.push(issue(path, undefined, "but mesh.exposure LoadBalancer needs this cluster's clustermesh-apiserver IP pinned",
                "set an IP from the cluster's loadBalancerPools"));
        } else if (!address) {
            found.push(issue(path, ip, "is not an IP address", "set an IP from the cluster's loadBalancerPools"));
        } else if (!cluster.loadBalancerPools.some((pool) => {
            const range = parseRange(pool);
            return range !== undefined && rangeContains(range, address);
        })) {
            found.push(issue(path, ip, `is not inside any of clusters[${index}].loadBalancerPools`,
                "pick an IP from that cluster's pools, or add a pool that holds it"));
        }
    });
    return found;
}

/** The key may be absent (the command provider then uses $SSH_AUTH_SOCK) but never plain text. */
function checkSshKey(sshKey: SshKeyPresence): ValidationIssue[] {
    if (sshKey.present && !sshKey.secret) {
        return [issue("sshPrivateKey", "[not shown]", "is stored in plain text in the stack file",
            "set it with `pulumi config set --secret sshPrivateKey < key`")];
    }
    return [];
}
