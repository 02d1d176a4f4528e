// A sandbox for the Contrail scripts: stub curl, kubectl and node tools that behave as the real ones answer, driven by env.
import { spawnSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";
import { CONTRAIL_RELEASES, ContrailRelease } from "../../components/contrail/release";
import { endHungExecs } from "../fixtures/hung-execs";

/**
 * Stub kubectl. It logs every call; answers as `kubectl` 1.3x does for the calls the scripts make (names with
 * `-o name`, jsonpath text, `--no-headers` rows, exit codes); and keeps state in $FAKE_DIR. Env knobs:
 * READYZ, NODES_READY, NODE_COUNT, JOB_STATE, JOB_IMAGE, SUBNETS (rows), NAMESPACES, CN2_OBJECTS (resources
 * holding an object), CN2_STUCK (resources whose objects a finalizer keeps: a waiting delete times out),
 * CN2_RECREATED (resources whose object a controller re-creates under a new UID once deleted), CN2_UNSERVED,
 * APISERVICE, APISERVICE_STUCK, PING (1: no answer; hang: the exec's stream never ends, as a real exec ignores
 * --request-timeout; it logs its pid in hung.log and gives up only after 40 s, exiting 0), DELETE_FAILS.
 */
const KUBECTL = String.raw`#!/usr/bin/env bash
echo "kubectl $*" >>"$FAKE_DIR/calls"
cmp -s "$KUBECONFIG" "$FAKE_DIR/kubeconfig" || { echo "kubeconfig is not the one on stdin" >&2; exit 9; }
has() { [[ " $1 " == *" $2 "* ]]; }
args=" $* "
case "$args" in
  *" --raw=/readyz "*) exit "${"$"}{READYZ:-0}" ;;
  *" apply "*) for last; do :; done; [[ $last == - ]] || cp "$last" "$FAKE_DIR/applied.yaml"; exit 0 ;;
  *" delete "*" -f "*) for last; do :; done; cp "$last" "$FAKE_DIR/applied.yaml"; if [[ -n ${"$"}{DELETE_FAILS:-} ]]; then echo "error: timed out waiting for the condition" >&2; exit 1; fi; exit 0 ;;
  *" get --ignore-not-found -f "*) echo "Vrouter contrail/contrail-vrouter-nodes finalizers=[vrouter.juniper.net/finalizer]"; exit 0 ;;
  *" delete job "*) echo deleted >"$FAKE_DIR/job-deleted"; exit 0 ;;
  *" delete "*" --all "*)
    status=0
    for resource in ${"$"}{2//,/ }; do
      if has "${"$"}{CN2_STUCK:-}" "$resource"; then [[ $args == *" --wait=false "* ]] || status=1; else touch "$FAKE_DIR/deleted-$resource"; fi
    done
    ((status == 0)) || echo "error: timed out waiting for the condition on $2" >&2
    exit "$status" ;;
  *" get apiservices -o name "*) [[ -z ${"$"}{APISERVICE:-} ]] || echo apiservice.apiregistration.k8s.io/v1alpha1.core.contrail.juniper.net; exit 0 ;;
  *" delete apiservice"*) if [[ -n ${"$"}{APISERVICE_STUCK:-} ]]; then echo "error: timed out waiting for the condition" >&2; exit 1; fi; exit 0 ;;
  *" get "*" -A -o name "*)
    has "${"$"}{CN2_UNSERVED:-}" "$2" && exit 1
    if has "${"$"}{CN2_OBJECTS:-}" "$2" && { [[ ! -e "$FAKE_DIR/deleted-$2" ]] || has "${"$"}{CN2_RECREATED:-}" "$2"; }; then echo "$2/object"; fi
    exit 0 ;;
  *" get "*" -A -o jsonpath="*) echo "Thing contrail/object finalizers=[example.juniper.net/finalizer]"; exit 0 ;;
  *"containers[0].image"*) echo "${"$"}{JOB_IMAGE:-}"; exit 0 ;;
  *" get job "*) echo "${"$"}{JOB_STATE:-Complete }"; exit 0 ;;
  *" get nodes --no-headers "*) for ((i = 0; i < ${"$"}{NODE_COUNT:-2}; i++)); do echo "node-$i Ready"; done; exit 0 ;;
  *"condition=Ready node"*) exit "${"$"}{NODES_READY:-0}" ;;
  *" get subnets.core.contrail.juniper.net "*) printf '%b' "${"$"}{SUBNETS:-}"; exit 0 ;;
  *" get namespace "*) has "${"$"}{NAMESPACES:-}" "$3"; exit ;;
  *" -o name "*) echo daemonset.apps/contrail-vrouter-masters; exit 0 ;;
  *" exec "*" ping "*)
    if [[ ${"$"}{PING:-0} == hang ]]; then echo "$$" >>"$FAKE_DIR/hung.log"; exec "${process.execPath}" -e 'setTimeout(() => process.exit(0), 40000)'; fi
    if [[ ${"$"}{PING:-0} == 0 ]]; then echo "3 packets transmitted, 3 packets received, 0% packet loss"; exit 0; fi; echo "3 packets transmitted, 0 packets received, 100% packet loss"; exit 1 ;;
esac
exit 0
`;

/** Stub curl: serves $FAKE_DIR/manifest.yaml for `-o <file>`. */
const CURL = '#!/usr/bin/env bash\nwhile (($#)); do if [[ $1 == -o ]]; then cp "$FAKE_DIR/manifest.yaml" "$2"; shift; fi; shift; done\n';

/** What a sandboxed run left. */
export interface SandboxRun {
    /** Exit status. */
    readonly status: number | null;
    /** Standard output. */
    readonly stdout: string;
    /** Standard error. */
    readonly stderr: string;
    /** Every kubectl call, in order. */
    readonly calls: string[];
    /** The documents the last apply or delete got. */
    readonly applied?: unknown[];
    /** Files the stubs left in the sandbox, by name. */
    readonly left: string[];
    /** Hung execs (PING=hang) the script left running when it ended (the sandbox then ends them). */
    readonly leftHanging: number;
    /** Seconds the script ran. */
    readonly seconds: number;
}

/** Ends the hung stub execs listed in `file` that still run; returns how many there were. */
function endHung(file: string): number {
    return endHungExecs(file);
}

/** Runs a script with the stubs first on PATH, a kubeconfig on stdin, `extraTools` (name → body) beside them, killed after `limitSeconds`. */
export function runInSandbox(
    script: string,
    env: Record<string, string> = {},
    manifest = "",
    extraTools: Record<string, string> = {},
    limitSeconds = 60,
): SandboxRun {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "contrail-sandbox-"));
    try {
        fs.mkdirSync(path.join(dir, "bin"));
        for (const [name, body] of Object.entries({ kubectl: KUBECTL, curl: CURL, ...extraTools })) {
            fs.writeFileSync(path.join(dir, "bin", name), body, { mode: 0o755 });
        }
        fs.writeFileSync(path.join(dir, "manifest.yaml"), manifest);
        fs.writeFileSync(path.join(dir, "kubeconfig"), "apiVersion: v1\nkind: Config\n");
        const started = Date.now();
        const result = spawnSync("bash", ["-c", script], {
            input: fs.readFileSync(path.join(dir, "kubeconfig")),
            encoding: "utf8",
            timeout: limitSeconds * 1000,
            env: { ...process.env, PATH: `${path.join(dir, "bin")}:${process.env.PATH}`, FAKE_DIR: dir, ...env },
        });
        const read = (file: string) => (fs.existsSync(path.join(dir, file)) ? fs.readFileSync(path.join(dir, file), "utf8") : undefined);
        const applied = read("applied.yaml");
        return {
            status: result.status,
            stdout: result.stdout,
            stderr: result.stderr,
            calls: (read("calls") ?? "").split("\n").filter(Boolean),
            ...(applied !== undefined ? { applied: yaml.loadAll(applied).filter(Boolean) } : {}),
            left: fs.readdirSync(dir),
            leftHanging: endHung(path.join(dir, "hung.log")),
            seconds: (Date.now() - started) / 1000,
        };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/** `Kind/name` of a document. */
export const nameOf = (doc: unknown): string =>
    `${(doc as { kind: string }).kind}/${(doc as { metadata: { name: string } }).metadata.name}`;

/** A made-up manifest shaped like the published deployers: what Pulumi owns, what it applies, embedded YAML. */
export const SYNTHETIC_MANIFEST = [
    "apiVersion: v1",
    "kind: Namespace",
    "metadata:",
    "  name: contrail",
    "---",
    "apiVersion: v1",
    "imagePullSecrets:",
    "- name: registrypullsecret",
    "kind: ServiceAccount",
    "metadata:",
    "  name: contrail-serviceaccount",
    "  namespace: contrail",
    "---",
    "apiVersion: v1",
    "data:",
    "  .dockerconfigjson: <base64-encoded-credential>",
    "kind: Secret",
    "metadata:",
    "  name: registrypullsecret",
    "  namespace: contrail",
    "type: kubernetes.io/dockerconfigjson",
    "---",
    "apiVersion: v1",
    "kind: Secret",
    "metadata:",
    "  name: webhook-server-cert",
    "  namespace: contrail-deploy",
    "type: kubernetes.io/tls",
    "---",
    "apiVersion: v1",
    "data:",
    "  contrail-cr.yaml: |",
    "    kind: Namespace",
    "    metadata:",
    "      name: embedded",
    "    ---",
    "    kind: Secret",
    "kind: ConfigMap",
    "metadata:",
    "  name: contrail-cr",
    "  namespace: contrail",
    "---",
    "apiVersion: apps/v1",
    "kind: Deployment",
    "metadata:",
    "  name: contrail-k8s-deployer",
    "  namespace: contrail-deploy",
    "spec:",
    "  template:",
    "    spec:",
    "      containers:",
    "      - image: enterprise-hub.juniper.net/contrail-container-prod/contrail-k8s-deployer:cn2.23.4.0.59",
    "",
].join("\n");

/** The release with the given manifest role pinned to the synthetic manifest (or to other bytes, to fail the digest). */
export function syntheticRelease(
    role: "distributedDeployer" | "centralDeployer" | "distributedVrouter" = "distributedDeployer",
    content: string = SYNTHETIC_MANIFEST,
): ContrailRelease {
    const sha256 = crypto.createHash("sha256").update(content).digest("hex");
    const release = CONTRAIL_RELEASES["23.4"];
    return { ...release, manifests: { ...release.manifests, [role]: { file: release.manifests[role]?.file ?? "x.yaml", sha256 } } };
}
