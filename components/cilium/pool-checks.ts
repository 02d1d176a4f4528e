// Checks of one cluster's LB-IPAM pools and the addresses pinned from them, before any pool is declared.
import { parseAddress, parseRange, rangeContains } from "../network/cidr";
import { poolProblem } from "../network/value-checks";
import { ValidationIssue, issue, keyPath } from "../shared/validation";
import { dnsLabelProblem, labelKeyProblem, labelValueProblem } from "../shared/value-kinds";
import { PinnedAddress } from "./manifests";

/** Config keys the checks name; library users get `pools[i]` and `reserved.<name>`. */
export interface PoolKeys {
    /** Key of pool `index`; @default `pools[<index>]`. */
    readonly pool?: (index: number) => string;
    /** Key of a reservation's address; @default `reserved.<name>.ip`. */
    readonly reserved?: (entry: PinnedAddress) => string;
}

/** Every pool is a pool, and every pinned address is an IP inside one, pinned once, for a Service a selector can name. */
export function poolIssues(pools: readonly string[], reserved: readonly PinnedAddress[], keys: PoolKeys = {}): ValidationIssue[] {
    const poolKey = keys.pool ?? ((index: number) => `pools[${index}]`);
    const reservedKey = keys.reserved ?? ((entry: PinnedAddress) => keyPath(reservedPath(entry), "ip"));
    const found: ValidationIssue[] = pools.flatMap((text, index) => {
        const problem = poolProblem(text);
        return problem ? [issue(poolKey(index), text, problem.problem, problem.fix)] : [];
    });
    const ranges = pools.map(parseRange).filter((range) => range !== undefined);
    const owners = new Map<string, PinnedAddress>();
    for (const entry of reserved) {
        found.push(...selectorIssues(entry));
        const address = parseAddress(entry.ip);
        const at = reservedKey(entry);
        if (!address) {
            found.push(issue(at, entry.ip, "is not an IP address", "pin an address from the cluster's loadBalancerPools"));
            continue;
        }
        const owner = owners.get(entry.ip);
        if (owner) {
            found.push(
                issue(
                    at,
                    entry.ip,
                    `is already pinned for ${owner.name} (${reservedKey(owner)})`,
                    "pin a different address for each Service",
                ),
            );
        } else if (!ranges.some((range) => rangeContains(range, address))) {
            found.push(
                issue(
                    at,
                    entry.ip,
                    "is not inside any of the cluster's loadBalancerPools",
                    "pin an address from those pools, or add a pool that holds it",
                ),
            );
        }
        owners.set(entry.ip, owner ?? entry);
    }
    return found;
}

/** `reserved.<name>` (the name quoted when it is not a plain key). */
const reservedPath = (entry: PinnedAddress): string => keyPath("reserved", entry.name);

/** A reservation's pool name is an object name and its selector a valid label selector (library input). */
function selectorIssues(entry: PinnedAddress): ValidationIssue[] {
    const name = dnsLabelProblem(entry.name);
    const selector = Object.entries(entry.serviceSelector).flatMap(([key, value]) => {
        const problem = labelKeyProblem(key) ?? labelValueProblem(value);
        return problem ? [issue(keyPath(keyPath(reservedPath(entry), "serviceSelector"), key), value, problem.problem, problem.fix)] : [];
    });
    return [...(name ? [issue(keyPath(reservedPath(entry), "name"), entry.name, name.problem, name.fix)] : []), ...selector];
}
