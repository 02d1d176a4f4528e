// Snippets shared by the node scripts: running a script as root over SSH, writing files only when they change.
import { sh } from "../shared/shell";

/** Heredoc delimiter that carries a script inside the SSH command; it must not appear as a line of the script. */
export const SCRIPT_DELIMITER = "KUBEADM_CLUSTER_STEP";

/**
 * The `create`/`delete` text of a remote step: the login shell (POSIX sh is enough) runs `script` with bash,
 * directly as root or through passwordless sudo. The script stays readable in the plan; stdin passes through
 * untouched, so secrets never appear in the command text.
 */
export function asRoot(script: string): string {
    if (script.split("\n").includes(SCRIPT_DELIMITER)) {
        throw new Error(`a rendered script contains the line ${SCRIPT_DELIMITER}, which ends its heredoc early`);
    }
    return [
        `script=$(cat <<'${SCRIPT_DELIMITER}'`,
        script.replace(/\n+$/, ""),
        SCRIPT_DELIMITER,
        ")",
        'if [ "$(id -u)" -eq 0 ]; then exec bash -c "$script"; fi',
        'exec sudo -n bash -c "$script"',
        "",
    ].join("\n");
}

/**
 * Bash function `install_file PATH MODE [PENDING]`: installs stdin at PATH with MODE when the content differs and
 * sets `file_changed` to 1 (else 0). The content is staged beside the target under a fixed name and renamed into
 * place, so an interrupted run leaves either the old or the new file (and the next run reuses the staging name).
 * PENDING, if given, is created before the target changes: the caller acts on it (a restart) and removes it, so a
 * run killed between the change and the restart still restarts on the next run.
 */
export const INSTALL_FILE_FUNCTION = [
    "install_file() {",
    '  local target=$1 mode=$2 pending=${3:-} staged="$1.pulumi-new"',
    '  install -d -m 0755 "${target%/*}"',
    '  cat >"$staged"',
    '  if [[ -f $target ]] && cmp -s "$staged" "$target"; then',
    '    rm -f "$staged"',
    "    file_changed=0",
    "    return 0",
    "  fi",
    '  chmod "$mode" "$staged"',
    '  if [[ -n $pending ]]; then : >"$pending"; fi',
    '  mv -f "$staged" "$target"',
    "  file_changed=1",
    "}",
    "# shellcheck disable=SC2034 # set for the callers that restart a service after a change",
    "file_changed=0",
].join("\n");

/** Reads this step's secret stdin into a root-only file (never echoed, never in argv; staged root-only too). */
export function stdinToFile(target: string, what: string): string {
    return [
        "umask 077",
        `install_file ${sh(target)} 0600`,
        `if [[ ! -s ${sh(target)} ]]; then`,
        `  echo ${sh(`${what} was not received on stdin`)} >&2`,
        "  exit 1",
        "fi",
    ].join("\n");
}

/** A bash `kubectl` array that talks to the local API server with the admin kubeconfig kubeadm wrote. */
export const KUBECTL_ADMIN = "kubectl=(kubectl --kubeconfig=/etc/kubernetes/admin.conf --request-timeout=20s)";
