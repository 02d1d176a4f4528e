// Every pinned version (Kubernetes, charts, images) lives here; stack config may override each one.

/** Versions of everything the project installs; each field is overridable via `multicluster:versions`. */
export interface Versions {
    /** Kubernetes release installed by kubeadm (`pkgs.k8s.io`), without the leading `v`. */
    readonly kubernetes: string;
    /** kind node image, pinned by digest, for `provisioner: kind` clusters. */
    readonly kindNodeImage: string;
    /** Cilium Helm chart version (`https://helm.cilium.io`, chart `cilium`). */
    readonly cilium: string;
    /** Antrea Helm chart version (`https://charts.antrea.io`, chart `antrea`). */
    readonly antrea: string;
    /** AKO chart version (`oci://projects.packages.broadcom.com/ako/helm-charts/ako`; chart = AKO version). */
    readonly ako: string;
    /** AMKO chart version (`oci://projects.packages.broadcom.com/ako/helm-charts/amko`; pairs with the same AKO version). */
    readonly amko: string;
    /** Linkerd edge Helm chart version (`https://helm.linkerd.io/edge`). */
    readonly linkerd: string;
    /** MetalLB Helm chart version (`https://metallb.github.io/metallb`). */
    readonly metallb: string;
    /** Gateway API release whose standard CRDs Linkerd needs (`kubernetes-sigs/gateway-api` standard-install.yaml). */
    readonly gatewayApi: string;
    /** Traefik Helm chart version (`https://traefik.github.io/charts`), the default meshed ingress controller. */
    readonly traefik: string;
    /** ingress-nginx Helm chart version (legacy only: retired upstream, 4.15.1 is its final release). */
    readonly ingressNginx: string;
    /**
     * containerd on kubeadm nodes: a `major.minor[.patch]` line of Docker's `containerd.io` package, or
     * "distribution" for the OS package. Kubernetes 1.36 needs containerd 2.x, which Ubuntu 22.04/24.04 and
     * Debian 12 do not ship, hence Docker's repository by default (as KubeOne does).
     */
    readonly containerd: string;
    /** Contrail (CN2) release whose public multi-cluster manifests are applied (`components/contrail/release.ts` lists the known ones). */
    readonly contrail: string;
}

/** The pinned defaults. Sources: ../shared/reference (kubeadm-iac §6, cilium §1, linkerd §1, antrea §A2). */
export const defaultVersions: Versions = {
    kubernetes: "1.36.1",
    kindNodeImage: "kindest/node:v1.36.1@sha256:3489c7674813ba5d8b1a9977baea8a6e553784dab7b84759d1014dbd78f7ebd5",
    cilium: "1.20.0",
    antrea: "2.7.0",
    ako: "2.1.1",
    amko: "2.1.1",
    linkerd: "2026.8.3",
    metallb: "0.16.1",
    gatewayApi: "1.2.1",
    traefik: "41.3.0",
    ingressNginx: "4.15.1",
    containerd: "2.2",
    contrail: "23.4",
};

/** Merges config overrides over the pinned defaults. */
export function resolveVersions(overrides: Partial<Versions> | undefined): Versions {
    return { ...defaultVersions, ...(overrides ?? {}) };
}

/** The `major.minor` line of a Kubernetes version, e.g. `1.36` for `1.36.1`. */
export function kubernetesMinor(version: string): string {
    return version.split(".").slice(0, 2).join(".");
}
