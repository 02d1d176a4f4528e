// The engine's mocks: outputs for every resource type the project uses, with real tls/random material.
import * as pulumi from "@pulumi/pulumi";
import * as crypto from "crypto";
import { randomIdOutputs, randomInteger, randomText } from "./random-sim";
import { secretValue, unwrapSecrets } from "./secret-values";
import { fetchedBy, manifestText } from "./fetch-sim";
import { kindKubeconfigCluster, simulateKindKubeconfig } from "./kind-sim";
import { Entropy } from "./entropy";
import { TriggerNotes, triggerKey } from "./replacement-trigger";
import { Registration, SimulatedAnswer, SimulationMemory, newResourceId } from "./state";
import { simulateCertRequest, simulateLocallySignedCert, simulatePrivateKey, simulateSelfSignedCert } from "./tls-sim";

type Outputs = Record<string, unknown>;
type Simulator = (
    inputs: Outputs,
    args: pulumi.runtime.MockResourceArgs,
    keys?: Map<string, crypto.KeyObject>,
    entropy?: Entropy,
) => Outputs | Promise<Outputs>;

/** Output keys the real providers mark secret, per type. */
const secretOutputs: Record<string, readonly string[]> = {
    "tls:index/privateKey:PrivateKey": ["privateKeyPem", "privateKeyPemPkcs8", "privateKeyOpenssh"],
    "random:index/randomPassword:RandomPassword": ["result", "bcryptHash"],
};

const simulators: Record<string, Simulator> = {
    "tls:index/privateKey:PrivateKey": (inputs, _args, keys, entropy) => simulatePrivateKey(inputs, keys, entropy),
    "tls:index/selfSignedCert:SelfSignedCert": (inputs) => simulateSelfSignedCert(inputs),
    "tls:index/certRequest:CertRequest": (inputs) => simulateCertRequest(inputs),
    "tls:index/locallySignedCert:LocallySignedCert": (inputs) => simulateLocallySignedCert(inputs),
    "random:index/randomPassword:RandomPassword": (inputs, _args, _keys, entropy) => ({
        result: randomText(inputs, entropy),
        bcryptHash: "$2a$10$simulated",
    }),
    "random:index/randomString:RandomString": (inputs, _args, _keys, entropy) => ({ result: randomText(inputs, entropy) }),
    "random:index/randomId:RandomId": (inputs, _args, _keys, entropy) => randomIdOutputs(inputs, entropy),
    "random:index/randomInteger:RandomInteger": (inputs, _args, _keys, entropy) => ({ result: randomInteger(inputs, entropy) }),
    "random:index/randomUuid:RandomUuid": (_inputs, _args, _keys, entropy) => ({
        result: entropy ? uuidFrom(entropy) : crypto.randomUUID(),
    }),
    "command:remote:Command": () => ({ stdout: "", stderr: "" }),
    "command:local:Command": simulateLocalCommand,
    "kubernetes:core/v1:Secret": (inputs, _args, _keys, entropy) => simulateSecret(inputs, entropy),
};

/** A version-4 UUID from an entropy stream. */
function uuidFrom(entropy: Entropy): string {
    const bytes = entropy.bytes(16);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = bytes.toString("hex");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Local commands print nothing, except kind's kubeconfig step (a realistic kubeconfig) and a download of a declared
 * manifest (its declared objects, `fetch-sim.ts`).
 */
async function simulateLocalCommand(inputs: Outputs): Promise<Outputs> {
    const fetched = fetchedBy(inputs.create);
    if (fetched) {
        return { stdout: manifestText(fetched), stderr: "" };
    }
    const cluster = kindKubeconfigCluster(inputs.create);
    return { stdout: cluster === undefined ? "" : await simulateKindKubeconfig(cluster), stderr: "" };
}

/** Service-account-token Secrets get a token (and CA) the way the token controller fills them in. */
function simulateSecret(inputs: Outputs, entropy?: Entropy): Outputs {
    if (inputs.type !== "kubernetes.io/service-account-token") {
        return {};
    }
    const metadata = (inputs.metadata ?? {}) as { namespace?: string; annotations?: Record<string, string> };
    const namespace = metadata.namespace ?? "default";
    const account = metadata.annotations?.["kubernetes.io/service-account.name"] ?? "default";
    const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const token = [
        b64url({ alg: "RS256", kid: "simulated" }),
        b64url({ iss: "kubernetes/serviceaccount", sub: `system:serviceaccount:${namespace}:${account}` }),
        (entropy ? entropy.bytes(32) : crypto.randomBytes(32)).toString("base64url"),
    ].join(".");
    const data = { token, namespace, "ca.crt": "simulated cluster CA (not known offline)" };
    const encoded = Object.fromEntries(Object.entries(data).map(([key, value]) => [key, Buffer.from(value).toString("base64")]));
    return { data: secretValue(encoded) };
}

export type { SimulatedAnswer } from "./state";

/** Options of the simulated providers. */
export interface SimulationOptions {
    /**
     * What is remembered across runs, as a real `pulumi up` keeps state: an unchanged resource keeps its
     * outputs, an updated one its ID, a replaced one gets a new ID (used to diff two plans).
     */
    readonly state?: SimulationMemory;
    /**
     * The randomness of one simulation, by registration and ID (default: the system's). A stream derived from a seed
     * lets a remembered answer's secret values be simulated again instead of stored.
     */
    readonly entropy?: (registration: Registration, id: string) => Entropy;
    /** Waits before answering (the benchmark's latency model); default: answer at once. */
    readonly wait?: (args: pulumi.runtime.MockResourceArgs) => Promise<void> | undefined;
    /** Told of each simulation while it runs (the benchmark's virtual clock holds time still meanwhile). */
    readonly track?: (work: Promise<unknown>) => void;
    /** Reuse one generated key per algorithm instead of generating each (fast mode for benchmarks). */
    readonly reuseKeys?: boolean;
}

async function simulate(
    args: pulumi.runtime.MockResourceArgs,
    id: string,
    keys?: Map<string, crypto.KeyObject>,
    entropy?: Entropy,
): Promise<SimulatedAnswer> {
    const simulateType = simulators[args.type];
    const plain = unwrapSecrets(args.inputs) as Outputs;
    const computed = simulateType ? await simulateType(plain, args, keys, entropy) : {};
    const secrets = secretOutputs[args.type] ?? [];
    const wrapped = Object.fromEntries(
        Object.entries(computed).map(([key, value]) => [key, secrets.includes(key) ? secretValue(value) : value]),
    );
    return { id, state: { ...args.inputs, ...wrapped } };
}

/** Mocks for Pulumi's runtime: simulated outputs for resources; any invoke fails loudly. `triggers`: each resource's `replacementTrigger`. */
export function createSimulatedProviders(options: SimulationOptions = {}, triggers?: TriggerNotes): pulumi.runtime.Mocks {
    const keys = options.reuseKeys ? new Map<string, crypto.KeyObject>() : undefined;
    return {
        async newResource(args) {
            const replacementTrigger = triggers?.get(triggerKey(args.type, args.name)) ?? null;
            await options.wait?.(args);
            const registration = { type: args.type, name: args.name, inputs: args.inputs, provider: args.provider, replacementTrigger };
            const remembered = options.state?.lookup(registration) ?? {};
            const run = (id: string) => simulate(args, id, keys, options.entropy?.(registration, id));
            if (remembered.answer) {
                const answer = remembered.answer;
                return options.state?.restore ? options.state.restore(answer, registration, () => run(answer.id)) : answer;
            }
            const work = run(args.id || remembered.keepId || newResourceId(registration));
            options.track?.(work);
            const answer = await work;
            options.state?.remember(registration, answer);
            return answer;
        },
        call(args) {
            throw new Error(`no simulation for invoke ${args.token}: the offline engine runs no provider functions`);
        },
    };
}
