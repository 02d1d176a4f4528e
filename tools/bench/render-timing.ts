// Times `npm run render`'s steps after a measured run: plan, artifact files and writing them (to a temporary directory).
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { renderTopology } from "../../stacks/topology";
import { renderArtifacts } from "../engine/artifacts";
import { buildPlan } from "../engine/plan";
import { redactSecrets } from "../engine/secret-values";
import { writeArtifacts } from "../render";
import { BenchInput, parsedConfig } from "./bench-input";
import { Measurement } from "./measure";

/** What a render of this configuration costs, beside the program run itself. */
export interface RenderFigures {
    /** The program run (the measurement's wall time), ms. */
    readonly programMs: number;
    /** plan.json built (secrets redacted), ms. */
    readonly planMs: number;
    /** Scripts, values, manifests and topology rendered, ms. */
    readonly artifactsMs: number;
    /** Files written, ms. */
    readonly writeMs: number;
    /** Files written. */
    readonly files: number;
    /** Bytes written. */
    readonly bytes: number;
    /** RSA private keys a plain render generates afresh (the benchmark reuses one per shape). */
    readonly rsaKeys: number;
    /** Generating those keys afresh, ms (one key of each size timed now, times the count). */
    readonly freshKeysMs: number;
}

const since = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/** RSA keys of the run by size, each size's generation timed now (the mean of up to five keys: prime search varies). */
function freshKeys(run: Measurement): { count: number; ms: number } {
    const sizes = run.records.filter((record) => record.type === "tls:index/privateKey:PrivateKey" && record.inputs.algorithm === "RSA")
        .map((record) => Number(record.inputs.rsaBits ?? 2048));
    const costs = new Map([...new Set(sizes)].map((bits) => {
        const samples = Math.min(5, sizes.filter((size) => size === bits).length);
        const start = process.hrtime.bigint();
        for (let i = 0; i < samples; i++) {
            crypto.generateKeyPairSync("rsa", { modulusLength: bits });
        }
        return [bits, since(start) / samples] as const;
    }));
    return { count: sizes.length, ms: sizes.reduce((sum, bits) => sum + (costs.get(bits) ?? 0), 0) };
}

/** Times plan, artifacts and writing for a measured run. */
export async function timeRender(input: BenchInput, run: Measurement): Promise<RenderFigures> {
    let start = process.hrtime.bigint();
    const plan = buildPlan("multicluster", input.stack, run.records, false);
    const planMs = since(start);
    start = process.hrtime.bigint();
    const outputs = redactSecrets(run.outputs ?? {}, false).value;
    const files = renderArtifacts(plan, outputs, renderTopology(parsedConfig(input)));
    const artifactsMs = since(start);
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-render-"));
    let writeMs = 0;
    try {
        start = process.hrtime.bigint();
        writeArtifacts(outDir, files);
        writeMs = since(start);
    } finally {
        fs.rmSync(outDir, { recursive: true, force: true });
    }
    const bytes = [...files.values()].reduce((sum, text) => sum + Buffer.byteLength(text), 0);
    const { count, ms } = freshKeys(run);
    return { programMs: run.wallMs, planMs, artifactsMs, writeMs, files: files.size, bytes, rsaKeys: count, freshKeysMs: ms };
}
