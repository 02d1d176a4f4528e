// The benchmark's latency model: simulated seconds per kind of step, in one table, overridable by a JSON file.

/** Simulated duration, in seconds, of each kind of step. */
export interface LatencyModel {
    /** Node preparation over SSH (packages, containerd, sysctls). */
    readonly prepareNode: number;
    /** Placing pre-generated PKI files on a control plane. */
    readonly placePki: number;
    /** `kubeadm init` on the first control plane. */
    readonly kubeadmInit: number;
    /** Waiting for the API server to answer after init. */
    readonly waitReady: number;
    /** Ensuring the bootstrap token exists. */
    readonly ensureToken: number;
    /** `kubeadm join` of a worker or extra control plane. */
    readonly kubeadmJoin: number;
    /** Any other remote command (cleanup hooks, small edits). */
    readonly remoteOther: number;
    /** `kind create cluster`. */
    readonly kindCreate: number;
    /** A health gate (e.g. every mesh peer ready). */
    readonly healthGate: number;
    /** A wait until a layer's own pods run (`…-running`, `…-ready`, a webhook serving). */
    readonly podsReady: number;
    /** A wait until CRDs are established. */
    readonly crdWait: number;
    /** Any other local command. */
    readonly localOther: number;
    /** Helm release of a CNI chart (Cilium, Antrea). */
    readonly helmCni: number;
    /** Any other Helm release. */
    readonly helmOther: number;
    /** A Kubernetes object or custom resource. */
    readonly kubernetesObject: number;
    /** tls and random resources (computed locally by the providers). */
    readonly localCrypto: number;
}

/** Defaults, from typical runs on cloud VMs (minutes for node preparation, seconds for objects). */
export const defaultModel: LatencyModel = {
    prepareNode: 240,
    placePki: 5,
    kubeadmInit: 120,
    waitReady: 30,
    ensureToken: 5,
    kubeadmJoin: 60,
    remoteOther: 5,
    kindCreate: 60,
    healthGate: 60,
    podsReady: 45,
    crdWait: 5,
    localOther: 5,
    helmCni: 90,
    helmOther: 60,
    kubernetesObject: 2,
    localCrypto: 0.5,
};

/** The step kinds, for reports. */
export type StepKind = keyof LatencyModel | "instant";

/** Classifies a resource by type and name (names follow `${component}-<role>`). */
export function stepKind(type: string, name: string): StepKind {
    if (type === "command:remote:Command") {
        const roles: [RegExp, StepKind][] = [
            [/-prepare$/, "prepareNode"], [/-pki$/, "placePki"], [/-init$/, "kubeadmInit"], [/-(ready|wait)$/, "waitReady"],
            [/-token$/, "ensureToken"], [/-join$/, "kubeadmJoin"],
        ];
        return roles.find(([pattern]) => pattern.test(name))?.[1] ?? "remoteOther";
    }
    if (type === "command:local:Command") {
        const roles: [RegExp, StepKind][] = [
            [/-(health|gate|status|proof|synced|check)$/, "healthGate"], [/-crds?$/, "crdWait"],
            [/running$|-ready$|webhook$/, "podsReady"], [/-(create|cluster)$/, "kindCreate"],
        ];
        return roles.find(([pattern]) => pattern.test(name))?.[1] ?? "localOther";
    }
    if (type === "kubernetes:helm.sh/v3:Release" || type === "kubernetes:helm.sh/v4:Chart") {
        return /cilium|antrea|cni/.test(name) ? "helmCni" : "helmOther";
    }
    if (type.startsWith("tls:") || type.startsWith("random:")) {
        return "localCrypto";
    }
    if (type.startsWith("kubernetes:")) {
        return "kubernetesObject";
    }
    return "instant";
}

/** Simulated seconds of one resource. */
export function durationOf(type: string, name: string, model: LatencyModel): number {
    const kind = stepKind(type, name);
    return kind === "instant" ? 0 : model[kind];
}

/** The default model with a partial override applied (e.g. from `--model file.json`). */
export function withOverrides(overrides: Partial<LatencyModel>): LatencyModel {
    return { ...defaultModel, ...overrides };
}
