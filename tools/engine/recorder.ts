// Wraps Pulumi's mock monitor so every registration is recorded with parent, provider, dependencies and options.
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { TriggerNotes, triggerKey } from "./replacement-trigger";

/** Resource options that matter for review and tests (as registered). */
export interface RecordedOptions {
    /** `deleteBeforeReplace` was set. */
    readonly deleteBeforeReplace: boolean;
    /** Output names the resource marks secret. */
    readonly additionalSecretOutputs: readonly string[];
    /** Properties whose change forces replacement. */
    readonly replaceOnChanges: readonly string[];
    /** Properties whose changes are ignored. */
    readonly ignoreChanges: readonly string[];
    /** URN of the resource this one is deleted with, if any. */
    readonly deletedWith: string | null;
    /** `protect` was set. */
    readonly protect: boolean;
    /** `retainOnDelete` was set. */
    readonly retainOnDelete: boolean;
    /** Custom create/update/delete timeouts, as registered. */
    readonly customTimeouts: { create: string; update: string; delete: string } | null;
    /** How many transforms the resource registered (they reach the children of packaged components). */
    readonly transforms: number;
    /** The `replacementTrigger` value (null when unset): a change from one non-null value to another replaces the resource. */
    readonly replacementTrigger?: unknown;
}

/** One registered resource as the monitor saw it (inputs still wire-encoded: secrets wrapped). */
export interface RecordedResource {
    /** Resource URN. */
    readonly urn: string;
    /** Type token, e.g. `command:remote:Command`. */
    readonly type: string;
    /** Logical name. */
    readonly name: string;
    /** Custom (provider-backed) or component. */
    readonly custom: boolean;
    /** Parent URN (null for the root stack). */
    readonly parent: string | null;
    /** URN of the explicit provider, if any. */
    readonly provider: string | null;
    /** URNs this resource waits on (explicit `dependsOn` and through inputs). */
    readonly dependencies: readonly string[];
    /** Inputs, wire-encoded. */
    readonly inputs: Record<string, unknown>;
    /** Resource options. */
    readonly options: RecordedOptions;
    /** Registered outputs (components and the stack), wire-encoded. */
    outputs?: Record<string, unknown>;
}

type Callback = (err: unknown, response: unknown) => void;
/** The parts of a protobuf RegisterResourceRequest read here. */
interface RegisterRequest {
    getType(): string;
    getName(): string;
    getCustom(): boolean;
    getParent(): string;
    getProvider(): string;
    getDependenciesList(): string[];
    getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
    getDeletebeforereplace(): boolean;
    getAdditionalsecretoutputsList(): string[];
    getReplaceonchangesList(): string[];
    getIgnorechangesList(): string[];
    getDeletedwith(): string;
    getProtect(): boolean;
    getRetainondelete(): boolean;
    getCustomtimeouts(): { getCreate(): string; getUpdate(): string; getDelete(): string } | undefined;
    getTransformsList(): unknown[];
    getReplacementTrigger(): { toJavaScript(): unknown } | undefined;
}

function providerUrn(reference: string): string | null {
    if (!reference) {
        return null;
    }
    const cut = reference.lastIndexOf("::");
    return cut > 0 ? reference.slice(0, cut) : reference;
}

function readOptions(req: RegisterRequest): RecordedOptions {
    const timeouts = req.getCustomtimeouts();
    return {
        deleteBeforeReplace: req.getDeletebeforereplace(),
        additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
        replaceOnChanges: req.getReplaceonchangesList(),
        ignoreChanges: req.getIgnorechangesList(),
        deletedWith: req.getDeletedwith() || null,
        protect: req.getProtect(),
        retainOnDelete: req.getRetainondelete(),
        customTimeouts: timeouts ? { create: timeouts.getCreate(), update: timeouts.getUpdate(), delete: timeouts.getDelete() } : null,
        transforms: req.getTransformsList().length,
        replacementTrigger: req.getReplacementTrigger()?.toJavaScript() ?? null,
    };
}

/** What the wrapper records: registrations and the invoke tokens the program asked for. */
export interface Recording {
    /** Registrations, in order (a slot stays undefined if its registration failed). */
    readonly records: RecordedResource[];
    /** Invoke tokens requested by the program, in order. */
    readonly invokes: string[];
}

/** Installs the recording wrapper on the current mock monitor; returns the live recording. `triggers` is told each `replacementTrigger`. */
export function recordRegistrations(monitor: MockMonitor, triggers?: TriggerNotes): Recording {
    const records: RecordedResource[] = [];
    const invokes: string[] = [];
    const invoke = monitor.invoke.bind(monitor);
    monitor.invoke = (req: { getTok(): string }, callback: Callback) => {
        invokes.push(req.getTok());
        return invoke(req, callback);
    };
    const byUrn = new Map<string, RecordedResource>();
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: RegisterRequest, callback: Callback) => {
        // Reserve the slot now so the record list keeps registration order even though mocks answer async.
        const index = records.push(undefined as unknown as RecordedResource) - 1;
        triggers?.set(triggerKey(req.getType(), req.getName()), req.getReplacementTrigger()?.toJavaScript() ?? null);
        return register(req, (err: unknown, response: unknown) => {
            if (!err && response) {
                const urn = (response as { getUrn(): string }).getUrn();
                const record: RecordedResource = {
                    urn,
                    type: req.getType(),
                    name: req.getName(),
                    custom: req.getCustom(),
                    parent: req.getParent() || null,
                    provider: providerUrn(req.getProvider()),
                    dependencies: [...new Set(req.getDependenciesList())],
                    inputs: req.getObject()?.toJavaScript() ?? {},
                    options: readOptions(req),
                };
                records[index] = record;
                byUrn.set(urn, record);
            }
            callback(err, response);
        });
    };
    const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (
        req: { getUrn(): string; getOutputs(): { toJavaScript(): Record<string, unknown> } | undefined },
        callback: Callback,
    ) => {
        const record = byUrn.get(req.getUrn());
        if (record) {
            record.outputs = req.getOutputs()?.toJavaScript() ?? {};
        }
        return registerOutputs(req, callback);
    };
    return { records, invokes };
}

/** The records with the slots of failed registrations removed. */
export function completedRecords(records: readonly RecordedResource[]): RecordedResource[] {
    return records.filter((record) => record !== undefined);
}
