// The hung fake execs of the Cilium script tests: each logs its pid in `hung.log` of its sandbox folder.
import * as path from "path";
import { endHungExecs } from "../fixtures/hung-execs";

/** Ends the hung fake execs logged in `<dir>/hung.log` that still run; returns how many there were (0: the script ended them). */
export function endHung(dir: string): number {
    return endHungExecs(path.join(dir, "hung.log"));
}
