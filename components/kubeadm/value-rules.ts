// Rules on single KubeadmCluster values (labels, taints, host keys, SSH users, versions), shared with the stack schema.
import { Problem } from "../network/value-checks";
import { defaultVersions } from "../versions";

/** Oldest Kubernetes minor whose kubeadm reads kubeadm.k8s.io/v1beta4. */
export const MIN_KUBERNETES_MINOR = 31;
/** First Kubernetes minor that needs containerd 2.x. */
const CONTAINERD_2_FROM_MINOR = 36;

const labelKey = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const labelValue = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;
/** Labels in the kubernetes.io / k8s.io namespaces a kubelet may still set on itself (NodeRestriction). */
const kubeletAllowed =
    /^(kubernetes\.io\/(hostname|arch|os)|beta\.kubernetes\.io\/(arch|os|instance-type)|node\.kubernetes\.io\/.+|kubelet\.kubernetes\.io\/.+|topology\.kubernetes\.io\/(region|zone)|failure-domain\.beta\.kubernetes\.io\/(region|zone))$/;

/** A node label the kubelet can set at registration. */
export function labelProblem(key: string, value: string): Problem | undefined {
    if (!labelKey.test(key) || key.split("/")[0].length > 253 || !labelValue.test(value)) {
        return {
            problem: "is not a valid Kubernetes label",
            fix: "use a key like example.com/role and a value of at most 63 letters, digits, '-', '_' or '.'",
        };
    }
    const prefix = key.includes("/") ? key.slice(0, key.indexOf("/")) : "";
    if (/(^|\.)(kubernetes\.io|k8s\.io)$/.test(prefix) && !kubeletAllowed.test(key)) {
        return {
            problem: "cannot be set by the kubelet at registration (NodeRestriction forbids kubernetes.io and k8s.io labels)",
            fix: "use a label in your own namespace, e.g. node-role.example.com/worker",
        };
    }
    return undefined;
}

/** A taint key as kubeadm's `nodeRegistration.taints` accepts it (the label key rules). */
export function taintKeyProblem(key: string): Problem | undefined {
    return labelKey.test(key)
        ? undefined
        : { problem: "is not a valid taint key (taint keys follow the label key rules)", fix: "use a key like example.com/dedicated" };
}

/** A taint value as kubeadm's `nodeRegistration.taints` accepts it (the label value rules). */
export function taintValueProblem(value: string): Problem | undefined {
    return labelValue.test(value)
        ? undefined
        : {
              problem: "is not a valid taint value (at most 63 letters, digits, '-', '_' or '.')",
              fix: 'use a value like "gpu", or leave it out',
          };
}

/** A taint key and value as kubeadm's `nodeRegistration.taints` accepts them (the key's problem first). */
export function taintProblem(key: string, value: string | undefined): Problem | undefined {
    return taintKeyProblem(key) ?? (value === undefined ? undefined : taintValueProblem(value));
}

/** Host key types OpenSSH servers present. */
const HOST_KEY_TYPES = new Set([
    "ssh-ed25519",
    "ssh-rsa",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
    "sk-ssh-ed25519@openssh.com",
    "sk-ecdsa-sha2-nistp256@openssh.com",
]);

/** The key type written inside a base64 SSH public key blob (its first length-prefixed string). */
function blobType(base64: string): string | undefined {
    const blob = Buffer.from(base64, "base64");
    if (blob.length < 4 || blob.toString("base64").replace(/=+$/, "") !== base64.replace(/=+$/, "")) {
        return undefined;
    }
    const length = blob.readUInt32BE(0);
    return length > 0 && length < 64 && blob.length >= 4 + length ? blob.subarray(4, 4 + length).toString("latin1") : undefined;
}

/** An expected SSH host key: one `authorized_keys` line, `<type> <base64 key> [comment]`, whose key is of that type. */
export function hostKeyProblem(text: string): Problem | undefined {
    const fix = 'paste the line `ssh-keyscan -t ed25519 <host>` prints, without the host name: "ssh-ed25519 AAAA..."';
    const match = /^([a-z0-9@.-]+) ([A-Za-z0-9+/]+={0,2})( [\x21-\x7e][\x20-\x7e]{0,199})?$/.exec(text);
    if (!match || !HOST_KEY_TYPES.has(match[1])) {
        return { problem: "is not a single authorized_keys line (<type> <base64 key> [comment])", fix };
    }
    if (blobType(match[2]) !== match[1]) {
        return { problem: `holds no ${match[1]} key (the base64 part does not decode to one)`, fix };
    }
    return undefined;
}

/** A login name: letters, digits, '_', '.', '-' (no shell metacharacters, no spaces). */
export function userProblem(text: string): Problem | undefined {
    if (/^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/.test(text)) {
        return undefined;
    }
    return {
        problem: "is not a login name (letters, digits, '_', '.' and '-', at most 32, starting with a letter or '_')",
        fix: 'use the account name alone, e.g. "ubuntu"',
    };
}

/** A Kubernetes version kubeadm can install: `1.<minor>.<patch>`, minor from {@link MIN_KUBERNETES_MINOR} on. */
export function kubernetesVersionProblem(version: string): Problem | undefined {
    const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
    if (!match) {
        return {
            problem: `is not a version like ${defaultVersions.kubernetes}`,
            fix: `write it as ${defaultVersions.kubernetes} (no leading "v")`,
        };
    }
    if (match[1] !== "1" || Number(match[2]) < MIN_KUBERNETES_MINOR) {
        return {
            problem: `is older than 1.${MIN_KUBERNETES_MINOR}.0, the first release whose kubeadm reads kubeadm.k8s.io/v1beta4`,
            fix: `use 1.${MIN_KUBERNETES_MINOR}.0 or later, e.g. ${defaultVersions.kubernetes}`,
        };
    }
    return undefined;
}

/** A containerd line of Docker's `containerd.io` (`2.2`, `2.2.1`) or "distribution". */
export function containerdProblem(version: string): Problem | undefined {
    if (version === "distribution" || /^\d+\.\d+(\.\d+)?$/.test(version)) {
        return undefined;
    }
    return {
        problem: 'is neither a containerd.io version line like "2.2" nor "distribution"',
        fix: 'use e.g. "2.2" (Docker\'s containerd.io 2.2.x)',
    };
}

/** A containerd line too old for the Kubernetes version (1.36 and later need containerd 2.x). */
export function containerdForKubernetesProblem(containerd: string, kubernetes: string): Problem | undefined {
    const minor = Number(/^1\.(\d+)\./.exec(kubernetes)?.[1] ?? 0);
    const major = Number(/^(\d+)\./.exec(containerd)?.[1] ?? 2);
    if (minor < CONTAINERD_2_FROM_MINOR || major >= 2) {
        return undefined;
    }
    return {
        problem: `cannot run Kubernetes ${kubernetes}, which needs containerd 2.0 or later`,
        fix: 'use "2.2" (Docker\'s containerd.io 2.2.x)',
    };
}
