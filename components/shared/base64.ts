// Base64 of texts, as Kubernetes `data` fields, kubeconfigs and chart values carry PEMs and tokens.
import { absentUnderMocks } from "./mock-tolerance";

/**
 * Base64 of a UTF-8 text. Under unit-test mocks a computed text (a PEM, a token) may be absent: it encodes as ""
 * there; under the engine such a text is always set, and an absent one fails as it always did.
 */
export function base64(text: string): string {
    return absentUnderMocks(text) ? "" : Buffer.from(text, "utf8").toString("base64");
}

/** The UTF-8 text of a base64 value ("" for one unit-test mocks left out, as for {@link base64}). */
export function fromBase64(encoded: string): string {
    return absentUnderMocks(encoded) ? "" : Buffer.from(encoded, "base64").toString("utf8");
}
