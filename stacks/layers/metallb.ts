// The MetalLB row: pools and L2 advertisement per cluster (wiring lands with the MetalLB area).
import { LayerRow, pendingRow } from "./layer";

/** loadBalancer: metallb. */
export const metallbRow: LayerRow = pendingRow("loadBalancer", "metallb");
