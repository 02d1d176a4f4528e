// "auto" pod and service ranges of one KindCluster: the first free blocks of the pool the stack's allocator uses.
import { AUTO_NETWORK, allocateBlocks } from "../network/allocator";
import { IpRange, parseCidr } from "../network/cidr";

/** The value (or an absent range) that asks for a range from {@link AUTO_NETWORK}. */
export const AUTO_CIDR = "auto";

/** The ranges of a KindCluster's arguments, each explicit, "auto" or absent. */
export interface AutoCidrArgs {
    /** Pod subnet, "auto" or absent. */
    readonly podCidr?: string;
    /** Service subnet, "auto" or absent. */
    readonly serviceCidr?: string;
}

/**
 * The args with an "auto" or absent pod/service range replaced by the lowest free /16 (pods) and /20 (services) of
 * 10.64.0.0/10, clear of the other range when that one is explicit. One cluster on its own always gets 10.64.0.0/16
 * and 10.65.0.0/20: clusters that must not overlap (a mesh) need explicit ranges, e.g. from `planClusterNetworks`.
 */
export function withAutoCidrs<T extends AutoCidrArgs>(args: T): T & { readonly podCidr: string; readonly serviceCidr: string } {
    const pod = args.podCidr ?? AUTO_CIDR;
    const service = args.serviceCidr ?? AUTO_CIDR;
    const taken: IpRange[] = [pod, service].map((text) => parseCidr(text)).filter((cidr): cidr is NonNullable<typeof cidr> => !!cidr);
    const pick = (text: string, prefix: number): string => {
        if (text !== AUTO_CIDR) {
            return text;
        }
        const outcome = allocateBlocks(AUTO_NETWORK.supernet, [{ label: text, prefix }], taken);
        if (!outcome.ok) {
            return text;
        }
        taken.push(outcome.blocks[0]);
        return outcome.blocks[0].canonical;
    };
    const podCidr = pick(pod, AUTO_NETWORK.podPrefix);
    return { ...args, podCidr, serviceCidr: pick(service, AUTO_NETWORK.servicePrefix) };
}
