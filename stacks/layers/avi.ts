// The AVI row: AKO per cluster and AMKO across clusters (wiring lands with the AVI area).
import { LayerRow, pendingRow } from "./layer";

/** ingress: avi. */
export const aviRow: LayerRow = pendingRow("ingress", "avi");
