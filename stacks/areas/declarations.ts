// The config halves of every area, in one list (stacks/config builds the schema, secrets and version uses from it).
import { antreaDeclaration } from "./antrea/declaration";
import { aviDeclaration } from "./avi/declaration";
import { ciliumDeclaration } from "./cilium/declaration";
import { contrailDeclaration } from "./contrail/declaration";
import { ingressDeclaration } from "./ingress/declaration";
import { linkerdDeclaration } from "./linkerd/declaration";
import { metallbDeclaration } from "./metallb/declaration";

/**
 * Every area's declaration, in layer-table order (it orders the schema's kinds and the unused-version messages).
 * A new area adds its line here and its Area to stacks/areas/index.ts (the compiler refuses one without the other).
 */
export const areaDeclarations = [
    ciliumDeclaration,
    antreaDeclaration,
    linkerdDeclaration,
    contrailDeclaration,
    metallbDeclaration,
    aviDeclaration,
    ingressDeclaration,
] as const;
