// The one list of areas: the layer table, the warnings, the provisioners' node checks and the benchmark are built from it.
import { StackConfig } from "../config/types";
import { Area } from "./area";
import { areaDeclarations } from "./declarations";
import { antrea } from "./antrea";
import { avi } from "./avi";
import { cilium } from "./cilium";
import { contrail } from "./contrail";
import { ingress } from "./ingress";
import { linkerd } from "./linkerd";
import { metallb } from "./metallb";

export type { Area, AreaRows } from "./area";

/** Every area, in layer-table order (the same order as stacks/areas/declarations.ts, which a test holds). */
export const areas = [cilium, antrea, linkerd, contrail, metallb, avi, ingress] as const;

/** Every declared area has its Area here, and every Area's declaration is in the declarations list. */
type Declared = (typeof areaDeclarations)[number];
type Listed = (typeof areas)[number]["declaration"];
const everyDeclarationListed: [Exclude<Declared, Listed>, Exclude<Listed, Declared>] extends [never, never] ? true : never = true;
void everyDeclarationListed;

/** The areas as the builders take them (a test passes its own list). */
export const areaList: readonly Area[] = areas;

/** Warnings of every area, in list order. */
export function areaWarnings(config: StackConfig, list: readonly Area[] = areaList): string[] {
    return list.flatMap((area) => area.warnings?.(config) ?? []);
}
