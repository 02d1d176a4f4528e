// Announces which phase of the stack program is being wired (provisioning, then each layer) to a host that listens.
/** The global slot a listening host (the offline render) puts its listener in; empty under a real `pulumi up`. */
export const PHASE_LISTENER = Symbol.for("multicluster.stackPhaseListener");

/** Told the name of each phase as the program starts wiring it: `provision`, then each layer's name. */
export type PhaseListener = (phase: string) => void;

/** Tells a listening host that the program starts wiring `phase`; does nothing when nobody listens. */
export function announcePhase(phase: string): void {
    const listener = (globalThis as Record<symbol, unknown>)[PHASE_LISTENER];
    if (typeof listener === "function") {
        (listener as PhaseListener)(phase);
    }
}
