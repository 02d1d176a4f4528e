// The kernels CN2's kernel-mode vRouter is published for, per node OS the kubeadm provisioner prepares.

/** A node OS as `$ID-$VERSION_ID` of /etc/os-release (the kubeadm provisioner's `SUPPORTED_OS` names). */
export type NodeOs = "ubuntu-22.04" | "ubuntu-24.04" | "debian-12";

/** Kernels (`uname -r`) the vRouter module of a release is built for, per node OS; an OS with none is absent. */
export type SupportedKernels = Readonly<Partial<Record<NodeOs, readonly string[]>>>;

/**
 * ABI numbers of the Ubuntu 22.04 GA kernels `5.15.0-<abi>-generic` listed for CN2 23.4 in
 * `Juniper/contrail-networking@2a86f70c20cf95acd600e4de9af542700c3a6604:releases/23.4/kernels/supported-kernels.json`
 * (`Ubuntu.v22.04`: 45 entries, 5.15.0-25-generic to 5.15.0-91-generic). The same file lists Ubuntu 20.04,
 * RHEL 8/9, Amazon Linux and Azure kernels, none of which the provisioner prepares, and no Ubuntu 24.04 or Debian.
 */
const UBUNTU_22_04_ABIS = [
    25, 27, 30, 33, 35, 37, 39, 40, 41, 43, 46, 47, 48, 50, 52, 53, 56, 57, 58, 59, 60, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78,
    79, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91,
] as const;

/** CN2 23.4's vRouter kernels for the OSes the provisioner prepares: Ubuntu 22.04 only. */
export const CN2_23_4_KERNELS: SupportedKernels = {
    "ubuntu-22.04": UBUNTU_22_04_ABIS.map((abi) => `5.15.0-${abi}-generic`),
};

/** A kernel release as `uname -r` prints it (digits and dots, then an optional local version): nothing a glob or shell reads. */
export const KERNEL_RELEASE_PATTERN = /^\d+\.\d+(\.\d+)?([-+._~][0-9A-Za-z]+)*$/;

/** The first and last kernel of a list, and how many, e.g. `5.15.0-25-generic … 5.15.0-91-generic (45 kernels)`. */
export function kernelSpan(kernels: readonly string[]): string {
    if (kernels.length <= 2) {
        return kernels.join(", ");
    }
    return `${kernels[0]} … ${kernels[kernels.length - 1]} (${kernels.length} kernels)`;
}
