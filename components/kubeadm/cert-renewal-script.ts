// The script that renews one control plane's kubeadm certificates and restarts its static pods one by one.
import { scriptPreamble, sh, waitFor } from "../shared/shell";
import { KUBECTL_ADMIN } from "./script-kit";
import { ResolvedKubeadmCluster, ResolvedNode } from "./types";

/** Where a control plane records the renewal generation it last completed (written last, so a re-run converges). */
export const RENEWAL_MARKER = "/etc/kubernetes/pki/.pulumi-cert-renewal-generation";
/** Where a static pod manifest waits while the kubelet stops its pod (moved back first by any later run). */
export const HELD_MANIFESTS = "/etc/kubernetes/renewal-held";
/**
 * The static pods that must restart to load renewed certificates, in this order (kubeadm's "Certificate Management
 * with kubeadm", v1.36: "You must restart the kube-apiserver, kube-controller-manager, kube-scheduler and etcd").
 */
export const RESTARTED_STATIC_PODS = ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"] as const;

/** Lines that stop one static pod (manifest held out until the kubelet removed the pod) and start it again. */
function restartLines(cluster: string, node: string, pod: string): string[] {
    const manifest = `/etc/kubernetes/manifests/${pod}.yaml`;
    const held = `${HELD_MANIFESTS}/${pod}.yaml`;
    return [
        `# ${pod}: no manifest means it is not a static pod here (external etcd), so there is nothing to restart.`,
        `if [[ -f ${sh(manifest)} ]]; then`,
        `  mv -f ${sh(manifest)} ${sh(held)}`,
        waitFor(`! running ${sh(pod)}`, {
            what: `the kubelet to stop ${pod} on ${node} of cluster ${cluster} (its manifest is held in ${HELD_MANIFESTS})`,
            timeoutSeconds: 120,
            state: "'still running'",
        }).replace(/^/gm, "  "),
        `  mv -f ${sh(held)} ${sh(manifest)}`,
        waitFor(`running ${sh(pod)}`, {
            what: `the kubelet to start ${pod} again on ${node} of cluster ${cluster}`,
            timeoutSeconds: 180,
            state: "'not running yet'",
        }).replace(/^/gm, "  "),
        "fi",
    ];
}

/**
 * Renews every kubeadm certificate of control plane `node` (`kubeadm certs renew all`, which also re-signs the
 * kubeconfigs kubeadm wrote) and restarts etcd, kube-apiserver, kube-controller-manager and kube-scheduler one at a
 * time by holding each manifest out of /etc/kubernetes/manifests until the kubelet removed its pod (the procedure of
 * kubeadm's docs: static pods are the kubelet's, not the API server's), then waits for the API server. Idempotent:
 * the generation is recorded last, and a run for a recorded generation does nothing; an interrupted run first puts
 * back any manifest it held out, then renews and restarts again. `kubeadm certs renew` skips, with exit 0, a
 * certificate whose CA key is absent (external CA: "Detected external …, … can't be renewed") or a missing one
 * ("MISSING! …", cmd/kubeadm/app/cmd/certs.go renewCert): both fail here, before any restart, naming the output.
 */
export function renderCertRenewal(cluster: ResolvedKubeadmCluster, node: ResolvedNode, generation: number): string {
    const where = `${node.name} of cluster ${cluster.name}`;
    return [
        scriptPreamble(`renew the kubeadm certificates of ${where} (rotation generation ${generation})`, { waits: true }),
        KUBECTL_ADMIN,
        `marker=${sh(RENEWAL_MARKER)}`,
        `held=${sh(HELD_MANIFESTS)}`,
        "# A run interrupted while a manifest was held out: put it back before anything else.",
        'if [[ -d $held ]]; then for file in "$held"/*.yaml; do [[ -e $file ]] || continue; mv -f "$file" /etc/kubernetes/manifests/; done; fi',
        `if [[ $(cat "$marker" 2>/dev/null || true) == ${generation} ]]; then`,
        `  echo ${sh(`the certificates of ${where} are already renewed for generation ${generation}`)}`,
        "  exit 0",
        "fi",
        "if ! out=$(kubeadm certs renew all 2>&1); then",
        "  printf '%s\\n' \"$out\" >&2",
        `  echo ${sh(`kubeadm certs renew all failed on ${where} (output above)`)} >&2`,
        "  exit 1",
        "fi",
        "printf '%s\\n' \"$out\"",
        `if grep -E "can't be renewed|^MISSING! " <<<"$out" >&2; then`,
        `  echo ${sh(`kubeadm left the certificates above unrenewed on ${where} (an external CA without its key, or a missing certificate): renew them with their CA, or place the missing ones, then run pulumi up again; nothing was restarted`)} >&2`,
        "  exit 1",
        "fi",
        'running() { [[ -n $(crictl ps --name "^$1\\$" --state running -q 2>/dev/null) ]]; }',
        'install -d -m 0700 "$held"',
        ...RESTARTED_STATIC_PODS.flatMap((pod) => restartLines(cluster.name, node.name, pod)),
        waitFor('"${kubectl[@]}" get --raw=/readyz >/dev/null 2>&1', {
            what: `the API server on ${where} to answer /readyz after the restarts`,
            timeoutSeconds: 300,
            state: "'not ready yet'",
        }),
        `printf '%s\\n' ${generation} >"$marker.new"`,
        'mv -f "$marker.new" "$marker"',
        `echo ${sh(`renewed the certificates of ${where} (generation ${generation}) and restarted its static pods`)}`,
        "",
    ].join("\n");
}
