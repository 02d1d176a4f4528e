#!/usr/bin/env bash
# Waits until Linkerd multicluster and viz run in cluster kind-east.
set -euo pipefail
command -v kubectl >/dev/null 2>&1 || { echo 'kubectl is required on the machine running pulumi' >&2; exit 1; }
umask 077
kubeconfig="$(mktemp)"
trap 'rm -f "$kubeconfig"' EXIT
cat >"$kubeconfig"
export KUBECONFIG="$kubeconfig"

kubectl -n linkerd-viz rollout status deployment/metrics-api --timeout=600s
kubectl -n linkerd-viz rollout status deployment/prometheus --timeout=600s
kubectl -n linkerd-viz rollout status deployment/tap --timeout=600s
kubectl -n linkerd-viz rollout status deployment/tap-injector --timeout=600s
kubectl -n linkerd-viz rollout status deployment/web --timeout=600s
kubectl -n linkerd-multicluster rollout status deployment/linkerd-gateway --timeout=600s
containers="$(kubectl -n linkerd-multicluster get pods -l app=linkerd-gateway -o jsonpath='{.items[*].spec.containers[*].name}')"
[[ " $containers " == *" linkerd-proxy "* ]] || { echo 'cluster kind-east: the gateway pod linkerd-multicluster/linkerd-gateway has no Linkerd proxy; delete it so the injector meshes its replacement' >&2; exit 1; }
gateway_ip=172.18.0.70
deadline=$((SECONDS + 600))
until [[ " $(kubectl -n linkerd-multicluster get service linkerd-gateway -o jsonpath='{.status.loadBalancer.ingress[*].ip}' 2>/dev/null) " == *" $gateway_ip "* ]]; do
  if (( SECONDS >= deadline )); then
    echo 'timed out after 600s waiting for the load balancer of cluster kind-east to assign 172.18.0.70 to linkerd-multicluster/linkerd-gateway (is the address in a pool and free?)' >&2
    exit 1
  fi
  sleep 5
done
echo 'Linkerd multicluster runs in cluster kind-east; the gateway answers on 172.18.0.70'
