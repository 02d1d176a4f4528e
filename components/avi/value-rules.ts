// Checks of single AVI values by what they are: AVI object names, text the AMKO chart writes unquoted, a CA.
import * as crypto from "crypto";
import { Problem } from "../network/value-checks";

/** An AVI object name as this project passes it on: words of letters, digits, `_ . : @ -` (no `:` before a space or at the end), single spaces between. */
const AVI_NAME = /^[A-Za-z0-9][A-Za-z0-9_.:@-]*( [A-Za-z0-9_.:@-]+)*$/;
/** Longest AVI object name accepted here. */
const AVI_NAME_MAX = 255;

/**
 * The name of an AVI object (tenant, cloud, Service Engine group, network): AKO and AMKO look it up on the
 * controller by name, so it must be the name exactly, without stray whitespace or characters YAML or a shell treat specially.
 */
export function aviNameProblem(text: string): Problem | undefined {
    return text.length <= AVI_NAME_MAX && AVI_NAME.test(text) && !/:( |$)/.test(text)
        ? undefined
        : {
              problem:
                  "is not an AVI object name (letters, digits, '_', '.', ':', '@' or '-', single spaces between words, starting with a letter or digit)",
              fix: 'write the name exactly as the AVI controller shows it, e.g. "Default-Cloud"',
          };
}

/** Plain YAML scalars that parse as something other than a string (YAML 1.1 as Helm's parser reads them). */
const TYPED_SCALAR =
    /^(y|n|yes|no|true|false|on|off|null|~|[-+]?(\d[\d_]*)?\.?\d*([eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o?[0-7]+|[-+]?\.(inf|nan))$/i;

/**
 * A value the AMKO chart writes into YAML without quotes (`helm/amko/templates/gslbconfig.yaml@release-2.1.1`:
 * `controllerIP`, `tenant`): it must read back as the same string, not a number, a boolean or a mapping.
 */
export function yamlPlainProblem(text: string): Problem | undefined {
    if (TYPED_SCALAR.test(text) && /[0-9a-z~]/i.test(text)) {
        return {
            problem: "would be read as a number, boolean or null where the AMKO chart writes it unquoted",
            fix: "use a name with letters that is not a YAML keyword",
        };
    }
    return /: | #|^[-?:,[\]{}#&*!|>'"%@`]/.test(text)
        ? {
              problem: "contains YAML syntax (': ', ' #' or a leading indicator) where the AMKO chart writes it unquoted",
              fix: "use a plain name",
          }
        : undefined;
}

/** PEM of the controller's CA or self-signed certificate (public, but never shown: a pasted private key would look alike). */
export function caCertificateProblem(text: string): Problem | undefined {
    const fix =
        "paste the controller CA's certificate in PEM form (the BEGIN CERTIFICATE block), or leave it unset if the controller's certificate is publicly trusted";
    if (/PRIVATE KEY/.test(text)) {
        return { problem: "holds a private key, not a certificate (it would be stored in clear)", fix };
    }
    // The controller's own self-signed certificate is a valid trust anchor here, so no CA flag is required.
    return isCertificate(text) ? undefined : { problem: "is not a PEM certificate", fix };
}

function isCertificate(pem: string): boolean {
    try {
        new crypto.X509Certificate(pem);
        return true;
    } catch {
        return false;
    }
}
