// Which node of which cluster a host belongs to, as the steps record it: every create claims the host for its node,
// and every destructive delete acts only while its node still owns the host (a rename or host move leaves it alone).
import { sh } from "../shared/shell";
import { ResolvedKubeadmCluster, ResolvedNode } from "./types";

/** Where the claims live: outside what `kubeadm reset` cleans (cmd/kubeadm/app/cmd/phases/reset/cleanupnode.go@v1.36.1), so a reset keeps them. */
export const OWNER_DIR = "/etc/kubeadm-cluster";

/** What a claim covers: the prepared packages and kubelet, the placed CAs, the cluster membership (init or join). */
export type OwnedPart = "prepare" | "pki" | "member";

/** The file that records who owns `part` of this host. */
export function ownerFile(part: OwnedPart): string {
    return `${OWNER_DIR}/${part}.owner`;
}

/** A node's identity on its host: `<cluster>/<node name>`. */
export function ownerIdentity(cluster: ResolvedKubeadmCluster, node: ResolvedNode): string {
    return `${cluster.name}/${node.name}`;
}

/** Bash: `owner` set to the current claim on `part` (empty when unclaimed); `read`, a builtin, spawns nothing. */
export function readOwner(part: OwnedPart): string {
    return `owner=""; if [[ -f ${ownerFile(part)} ]]; then read -r owner <${ownerFile(part)} || true; fi`;
}

/** Bash: records `identity` as the owner of `part` (staged and renamed, so a kill leaves the old or the new claim). */
export function claimHost(part: OwnedPart, identity: string): string {
    const file = ownerFile(part);
    return [`install -D -m 0644 /dev/stdin ${file}.new <<<${sh(identity)}`, `mv -f ${file}.new ${file}`].join("\n");
}

/** Bash: removes the claim on `part` (the last line of a delete path that undid it). */
export function releaseClaim(part: OwnedPart): string {
    return `rm -f ${ownerFile(part)} ${ownerFile(part)}.new`;
}

/**
 * Bash for a delete path: ends the script successfully, touching nothing, when `part` of this host is now claimed by
 * another node (the node was renamed, or another node moved onto this host). An unclaimed host is still cleaned
 * (hosts prepared before claims existed).
 */
export function leaveUnlessOwner(part: OwnedPart, identity: string, what: string): string {
    return [
        readOwner(part),
        `if [[ -n $owner && $owner != ${sh(identity)} ]]; then`,
        `  echo "this host is now $owner, no longer ${identity}: ${what} left alone"`,
        "  exit 0",
        "fi",
    ].join("\n");
}

/**
 * Bash for a create path: refuses a host that `part` of another cluster claims (it must leave that cluster first).
 * A claim by another node of the same cluster is a rename or a move onto this host, which the step takes over.
 */
export function refuseOtherCluster(part: OwnedPart, cluster: ResolvedKubeadmCluster): string {
    return [
        readOwner(part),
        `if [[ -n $owner && $owner != ${sh(`${cluster.name}/`)}* ]]; then`,
        `  echo "this host is $owner of another cluster: remove it from that cluster (pulumi up there) before it joins ${cluster.name}" >&2`,
        "  exit 1",
        "fi",
    ].join("\n");
}

/** Bash for a step that runs beside prepare (place-pki): refuses a host any claim of another cluster covers, before it claims it. */
export function refuseOtherClusterClaims(cluster: ResolvedKubeadmCluster): string {
    const parts: readonly OwnedPart[] = ["prepare", "pki", "member"];
    return [
        `for part in ${parts.join(" ")}; do`,
        `  owner=""; if [[ -f ${OWNER_DIR}/$part.owner ]]; then read -r owner <"${OWNER_DIR}/$part.owner" || true; fi`,
        `  if [[ -n $owner && $owner != ${sh(`${cluster.name}/`)}* ]]; then`,
        `    echo "this host is $owner of another cluster: remove it from that cluster (pulumi up there) before it joins ${cluster.name}" >&2`,
        "    exit 1",
        "  fi",
        "done",
    ].join("\n");
}
