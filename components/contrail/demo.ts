// Seed 002's closing proof as typed objects and a script: a pod on the central cluster pings a pod on a distributed cluster.
import type * as k8s from "@pulumi/kubernetes";
import { parseAddress } from "../network/cidr";
import { BOUNDED_OUTPUT_LINES, BOUNDED_TIMED_OUT_STATUS, EXEC_SLACK_SECONDS, boundLine, boundedKubectlFunction } from "../shared/bounded-kubectl";
import { kubectlScriptPreamble } from "../shared/kubectl-wait";
import { sh } from "../shared/shell";

/**
 * The image of both demo pods: busybox carries `ping` and `sleep` (Docker Hub's `library/busybox:1.36.1`, pinned
 * by its index digest).
 */
export const CN2_DEMO_IMAGE = "docker.io/library/busybox:1.36.1@sha256:73aaf090f3d85aa34ee199857f03fa3a95c8ede2ffd4cc2cdb5b94e566b11662";
/**
 * Where the demo pods run: `default`, as in the seed, whose pods use the cluster's default pod network (with
 * fabric SNAT, so they reach each other across clusters without further configuration).
 */
export const CN2_DEMO_NAMESPACE = "default";
/** The pod on the central cluster that pings. */
export const CN2_DEMO_PROBE = "cn2-demo-probe";
/** The pod on each distributed cluster that is pinged. */
export const CN2_DEMO_TARGET = "cn2-demo-target";

/** A demo Pod as `core/v1` takes it. */
export interface DemoPod {
    /** Name, namespace, labels. */
    readonly metadata: { readonly name: string; readonly namespace: string; readonly labels: Readonly<Record<string, string>> };
    /** One busybox container that sleeps until it is stopped. */
    readonly spec: k8s.types.input.core.v1.PodSpec;
}

/** A demo pod: busybox sleeping (and stopping at once on TERM). */
export function demoPod(name: string): DemoPod {
    return {
        metadata: { name, namespace: CN2_DEMO_NAMESPACE, labels: { app: name, "app.kubernetes.io/part-of": "cn2-demo" } },
        spec: {
            containers: [{ name: "busybox", image: CN2_DEMO_IMAGE, command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 3600 & wait $!; done"] }],
            terminationGracePeriodSeconds: 5,
        },
    };
}

/** Options of {@link demoProofScript}. */
export interface DemoProofOptions {
    /** The central cluster (the script runs against it). */
    readonly central: string;
    /** The distributed cluster the target runs on. */
    readonly distributed: string;
    /** The target pod's IPv4 address (from its status once it is Ready). */
    readonly targetIp: string;
    /** Bound of the proof. */
    readonly timeoutSeconds: number;
}

/** Seconds one `ping -c 3 -W 2` may take in the probe (three probes a second apart, each answer awaited 2 s). */
const PING_SECONDS = 5;

/**
 * `ping_target <ip>`: ping from the probe through an exec ended after ping's own bound plus the slack (or at the
 * deadline); `$answer` is its output (errors too), or says that the exec had to be ended. Returns its status.
 */
const PING_FUNCTION = [
    "ping_target() {",
    "  local limit status=0",
    `  ${boundLine(PING_SECONDS + EXEC_SLACK_SECONDS)}`,
    `  bounded "$limit" "$bounded_out" -n ${CN2_DEMO_NAMESPACE} exec ${CN2_DEMO_PROBE} -- ping -c 3 -W 2 "$1" || status=$?`,
    '  answer="$(cat "$bounded_out")"',
    `  (( status != ${BOUNDED_TIMED_OUT_STATUS} )) || answer="kubectl exec into ${CN2_DEMO_PROBE} did not end within \${limit}s (its stream hangs)"`,
    '  return "$status"',
    "}",
];

/** The proof: the probe is Ready, then within the bound `ping` from it reaches the target's address. */
export function demoProofScript(options: DemoProofOptions): string {
    const t = options.timeoutSeconds;
    const about = `${CN2_DEMO_PROBE} on central cluster ${options.central} to ${CN2_DEMO_TARGET} on cluster ${options.distributed}`;
    const known = parseAddress(options.targetIp) !== undefined;
    const lines = [
        ...kubectlScriptPreamble(`Proof: ${about} answers ping across the clusters (seed 002's last step).`),
        ...(known ? [] : [`echo ${sh(`cluster ${options.central}: ${CN2_DEMO_TARGET} on cluster ${options.distributed} has no pod IP to ping`)} >&2`, "exit 1"]),
        `deadline=$((SECONDS + ${t}))`,
        `kubectl -n ${CN2_DEMO_NAMESPACE} wait --for=condition=Ready pod/${CN2_DEMO_PROBE} --timeout=${t}s`,
        ...BOUNDED_OUTPUT_LINES, ...boundedKubectlFunction({ stderr: "file" }), ...PING_FUNCTION,
        'answer=""',
        `until ping_target ${sh(options.targetIp)}; do`,
        "  if ((SECONDS >= deadline)); then",
        `    echo ${sh(`cluster ${options.central}: ping from ${about} (${options.targetIp}) got no answer within ${t}s; last output:`)} "$(tail -n 2 <<<"$answer" | tr '\\n' ' ')" >&2`,
        "    exit 1",
        "  fi",
        "  sleep 5",
        "done",
        `echo ${sh(`cluster ${options.central}: ${about} (${options.targetIp}) answered:`)} "$(tail -n 1 <<<"$answer")"`,
    ];
    return `${lines.join("\n")}\n`;
}
