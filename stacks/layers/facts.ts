// Facts one area's rows leave for another's (the shared keys; an area's own facts stay in its folder).
import * as pulumi from "@pulumi/pulumi";
import { DemoIngress } from "../../components/linkerd/demo";
import { factKey } from "./layer";

/** One cluster's ingress controller as apps use it: how an Ingress reaches them, and what an Ingress waits for. */
export interface IngressRoute {
    /** IngressClass and the annotations Linkerd needs. */
    readonly route: DemoIngress;
    /** The controller serving (the Ingresses to it and the proofs through it wait for it; nothing else does). */
    readonly ready: readonly pulumi.Resource[];
}

/** Each cluster's ingress controller (left for the apps rows instead of `ready`, so apps wait for it only where they use it). */
export const INGRESS_ROUTES = factKey<Readonly<Record<string, IngressRoute>>>("ingress routes");
