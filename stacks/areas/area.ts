// The Area contract: everything one area brings to the stack, as one object (stacks/areas/<area>/index.ts).
import type { NodePreflightCheck } from "../../components/kubeadm";
import { AreaDeclaration } from "../config/schema/area";
import { StackConfig } from "../config/types";
import { LayerName, LayerRow } from "../layers/layer";
import { AreaBench } from "./bench";
import { VersionJump } from "./version-jumps";

/** An area's rows: per layer, one row per kind it adds (the apps layer is keyed by mesh kind). */
export type AreaRows = { readonly [L in LayerName]?: Readonly<Record<string, LayerRow>> };

/**
 * One area: its config half (schema branches, secrets, versions, config-level capabilities), its layer rows, what it
 * asks of the provisioners and warns about, and the benchmark's knowledge of it. Other layers never compare with its
 * kinds: they ask the capabilities (stacks/config/capabilities.ts).
 */
export interface Area {
    /** Area name (its folder under stacks/areas/ and components/). */
    readonly name: string;
    /** The config half: kinds with their schema branches and capabilities, secret keys, version uses. */
    readonly declaration: AreaDeclaration;
    /** Its rows, per layer, by kind. */
    readonly rows: AreaRows;
    /** Node requirements checked before a kubeadm node is prepared (e.g. a kernel the vRouter is built for). */
    readonly nodePreflight?: (config: StackConfig) => NodePreflightCheck[];
    /** Valid but risky choices, one sentence each (they never stop `pulumi up`). */
    readonly warnings?: (config: StackConfig) => string[];
    /** What the benchmark knows of the area (tools/bench builds its registries from these). */
    readonly bench?: AreaBench;
    /** Version changes its upstream upgrade notes refuse (checked by the offline diff against the deployed state). */
    readonly versionJumps?: readonly VersionJump[];
}
