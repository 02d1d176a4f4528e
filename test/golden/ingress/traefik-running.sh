#!/usr/bin/env bash
# Waits until the traefik ingress controller serves in cluster kind-east.
set -euo pipefail
command -v kubectl >/dev/null 2>&1 || { echo 'kubectl is required on the machine running pulumi' >&2; exit 1; }
umask 077
kubeconfig="$(mktemp)"
trap 'rm -f "$kubeconfig"' EXIT
cat >"$kubeconfig"
export KUBECONFIG="$kubeconfig"

kubectl -n traefik rollout status deployment/traefik --timeout=600s
containers="$(kubectl -n traefik get pods -l app.kubernetes.io/name=traefik -o jsonpath='{.items[*].spec.containers[*].name}')"
[[ " $containers " == *" linkerd-proxy "* ]] || { echo 'cluster kind-east: the traefik pods carry no Linkerd proxy; is the proxy injector serving?' >&2; exit 1; }
deadline=$((SECONDS + 600))
until [[ -n "$(kubectl -n traefik get service traefik -o jsonpath='{.status.loadBalancer.ingress[*].ip}')" ]]; do
  if (( SECONDS >= deadline )); then
    echo 'timed out after 600s waiting for a LoadBalancer address for traefik/traefik in cluster kind-east' >&2
    exit 1
  fi
  sleep 5
done
address="$(kubectl -n traefik get service traefik -o jsonpath='{.status.loadBalancer.ingress[0].ip}')"
echo "cluster kind-east: the traefik ingress controller serves on $address, meshed"
